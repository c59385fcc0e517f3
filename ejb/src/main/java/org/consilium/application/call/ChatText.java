package org.consilium.application.call;

/**
 * A chat message's text as the others will read it: 1 to {@value #MAX} characters, and
 * nothing that is not meant to be seen. Control characters (C0, DEL, C1: escapes, line
 * breaks the client never sends) and bidirectional overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which make text read differently from what it is, are refused with a
 * clear error rather than stripped, so that nobody's message is changed behind their back.
 */
record ChatText(String value) {

    static final int MAX = 2000;

    ChatText {
        if (value == null || value.isBlank() || value.length() > MAX) {
            throw new CallRefused("invalid", "a chat message has 1 to " + MAX + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || isDirectionOverride(c))) {
            throw new CallRefused("invalid",
                    "a chat message may not hold control characters or text-direction overrides (U+202A-U+202E, U+2066-U+2069)");
        }
    }

    private static boolean isDirectionOverride(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
