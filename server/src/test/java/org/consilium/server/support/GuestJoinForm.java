package org.consilium.server.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of the guest's join form ({@code /join/<token>}) as a browser posts them: the
 * name typed, the privacy notice's and the consent to treat's versions the page showed and
 * their boxes ticked.
 */
public final class GuestJoinForm {

    private static final Pattern VERSION = Pattern.compile("name=\"privacyNotice\" value=\"(\\d+)\"");
    private static final Pattern CONSENT_VERSION = Pattern.compile("name=\"consentToTreat\" value=\"(\\d+)\"");

    private GuestJoinForm() {
    }

    /** The version of the privacy notice that the join page {@code html} shows. */
    public static int noticeVersion(String html) {
        Matcher version = VERSION.matcher(html);
        assertTrue(version.find(), "no privacy notice version in " + html);
        return Integer.parseInt(version.group(1));
    }

    /** The version of the consent to treat that the join page {@code html} shows. */
    public static int consentVersion(String html) {
        Matcher version = CONSENT_VERSION.matcher(html);
        assertTrue(version.find(), "no consent to treat version in " + html);
        return Integer.parseInt(version.group(1));
    }

    /** Name given, notice acknowledged and consent to treat agreed to, as the page {@code html} asked. */
    public static Map<String, String> acknowledged(String html, String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("displayName", name);
        fields.put("privacyNotice", Integer.toString(noticeVersion(html)));
        fields.put("privacyAcknowledged", "yes");
        fields.put("consentToTreat", Integer.toString(consentVersion(html)));
        fields.put("consentAccepted", "yes");
        return fields;
    }
}
