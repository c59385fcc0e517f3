package org.consilium.domain.room;

/**
 * Text that people type for other people to read (room names, a guest's name): trimmed,
 * a bounded number of characters, and nothing that is not meant to be seen: no control
 * characters (line breaks, escapes) and no bidirectional overrides, which can make a name
 * read differently from what it is.
 */
final class DisplayText {

    private DisplayText() {
    }

    /**
     * @param what how the message names the value, e.g. "A room name" (the start of the sentence)
     * @return the value, trimmed
     * @throws IllegalArgumentException with a sentence a person can act on
     */
    static String clean(String value, String what, int maxCharacters) {
        String trimmed = value == null ? "" : value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0 || length > maxCharacters) {
            throw new IllegalArgumentException(what + " must have 1 to " + maxCharacters + " characters");
        }
        trimmed.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || isBidiControl(c) || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE) {
                throw new IllegalArgumentException(what + " must not contain control or invisible formatting characters");
            }
        });
        return trimmed;
    }

    static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
