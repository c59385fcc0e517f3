package org.consilium.domain.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A text for people to read that an administrator writes and that is kept version by version
 * (1, 2, …; none is changed or deleted), so that whoever read it can be told which text it
 * was: the guests' privacy notice ({@link PrivacyNotice}) and the recording's consent notice
 * ({@code org.consilium.domain.recording.RecordingNotice}). The text is plain: paragraphs
 * separated by blank lines, no markup.
 */
public interface VersionedNotice {

    int version();

    String text();

    /** SHA-256 of the text's UTF-8, lower-case hex. */
    String sha256();

    Instant changedAt();

    /** The administrator who saved it, {@code system} for the first version. */
    String changedBy();

    /** The paragraphs, as the pages show them. */
    default List<String> paragraphs() {
        return java.util.Arrays.stream(text().split("\n\\s*\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * The text as stored: line breaks made {@code \n}, each line's trailing spaces and the
     * whole text's surrounding blank lines dropped, 1 to {@code maxLength} characters, and
     * nothing that is not meant to be seen (control characters other than line breaks and
     * tabs, bidirectional overrides).
     *
     * @param name what the text is, for the sentence ("privacy notice")
     * @throws IllegalArgumentException with a sentence a person can act on (no full stop)
     */
    static String clean(String text, String name, int maxLength) {
        String normalised = (text == null ? "" : text).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder lines = new StringBuilder();
        for (String line : normalised.split("\n", -1)) {
            lines.append(line.stripTrailing()).append('\n');
        }
        String cleaned = lines.toString().strip();
        int length = cleaned.codePointCount(0, cleaned.length());
        if (length == 0 || length > maxLength) {
            throw new IllegalArgumentException("The " + name + " must have 1 to " + maxLength + " characters");
        }
        cleaned.codePoints().forEach(c -> {
            boolean lineBreakOrTab = c == '\n' || c == '\t';
            if ((Character.isISOControl(c) && !lineBreakOrTab) || DisplayText.isBidiControl(c)
                    || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.PRIVATE_USE
                    || Character.getType(c) == Character.SURROGATE) {
                throw new IllegalArgumentException("The " + name + " must not contain control or invisible formatting "
                        + "characters (line breaks are fine)");
            }
        });
        return cleaned;
    }

    /** SHA-256 of {@code text}'s UTF-8, lower-case hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
