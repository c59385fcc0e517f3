package org.consilium.audit.chain;

import java.util.Comparator;

/** Checks on the strings that go into the chain. Messages name the field, never its value. */
final class Text {

    /**
     * Ascending Unicode code point order, which is also the byte order of the strings'
     * UTF-8 encodings, so a verifier written in any language sorts detail names the same
     * way. ({@link String#compareTo} orders UTF-16 units and differs above U+FFFF.)
     */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private Text() {
    }

    static String required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return wellFormed(value, field);
    }

    static String nonBlank(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String optional(String value, String field) {
        return value == null ? null : wellFormed(value, field);
    }

    /**
     * Refuses unpaired surrogates: UTF-8 cannot encode them, and Java would silently put
     * '?' in their place, so two different strings could hash alike.
     */
    static String wellFormed(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        field + " holds an unpaired surrogate at index " + i + " (not valid Unicode)");
            }
        }
        return value;
    }
}
