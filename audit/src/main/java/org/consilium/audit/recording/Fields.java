package org.consilium.audit.recording;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Checks on manifest fields. Messages name the field, never its value (it may be a name). */
final class Fields {

    /** Longest text field, in chars: far above any id or name, and keeps junk small. */
    static final int MAX_TEXT = 1024;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Fields() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be null or blank");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // UTF-8 cannot encode it: two different names would sign alike
                throw new IllegalArgumentException(field + " holds an unpaired surrogate (not valid Unicode)");
            }
        }
        return value;
    }

    static Instant instant(Instant value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String sha256(String hex, String field) {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(field + " must be a SHA-256 in 64 lower-case hex digits");
        }
        return hex;
    }

    static void ordered(Instant from, Instant to, String what) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(what + " stops before it starts");
        }
    }

    static <T> List<T> list(List<T> values, String field) {
        required(values, field);
        for (T value : values) {
            required(value, field + " element");
        }
        return List.copyOf(values);
    }
}
