package org.consilium.domain.room;

import java.time.Instant;
import java.util.Objects;

/**
 * The hospital's privacy notice, shown on the guest's join page and acknowledged there
 * before the guest may wait in the lobby. Each text an administrator saves is a new
 * version (1, 2, …); the versions stay, so an acknowledgement always names the text that
 * was read ({@link VersionedNotice}).
 *
 * @param changedBy the administrator who saved it, {@code system} for the first version
 */
public record PrivacyNotice(int version, String text, String sha256, Instant changedAt, String changedBy)
        implements VersionedNotice {

    public static final int MAX_LENGTH = 4000;

    /**
     * Version 1, until an administrator writes the hospital's own (admin console, Room
     * policies): what a guest needs to know before joining, in plain words, and nothing
     * that depends on the hospital's particular law.
     */
    public static final String DEFAULT_TEXT = """
            This video visit is provided by the hospital. To give you care and keep a record of the visit, \
            the hospital processes the name you give, the time of the visit and who took part in it. The \
            video and sound go through the hospital's own servers. They are recorded only if a clinician \
            starts a recording and you agree: you are asked first, and may say no.

            Join from somewhere private if you can, and do not pass the invitation link on: anyone who has \
            it can ask to join. To learn more about how your information is used, or to exercise your \
            rights, ask your clinician or the hospital's privacy office.""";

    public PrivacyNotice {
        if (version < 1) {
            throw new IllegalArgumentException("a privacy notice version is 1 or more");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A notice of {@code text} (already {@link #clean cleaned}) as version {@code version}. */
    public static PrivacyNotice of(int version, String text, Instant changedAt, String changedBy) {
        return new PrivacyNotice(version, text, sha256(text), changedAt, changedBy);
    }

    /**
     * The text as stored (line breaks made {@code \n}, surrounding blank lines and trailing
     * spaces dropped, 1 to 4,000 characters, no control or invisible formatting characters).
     *
     * @throws IllegalArgumentException with a sentence a person can act on
     */
    public static String clean(String text) {
        return VersionedNotice.clean(text, "privacy notice", MAX_LENGTH);
    }

    /** SHA-256 of the text's UTF-8, lower-case hex. */
    public static String sha256(String text) {
        return VersionedNotice.sha256(text);
    }
}
