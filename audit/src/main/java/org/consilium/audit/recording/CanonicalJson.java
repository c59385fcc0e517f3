package org.consilium.audit.recording;

import java.time.Instant;

/**
 * Writes the canonical JSON of a manifest: members in the order called, no whitespace,
 * strings escaped exactly as the audit export escapes them (quote, backslash, \n \r \t \b \f
 * by their short forms; the other C0 controls, DEL, U+2028 and U+2029 as lower-case
 * {@code \}{@code u} escapes; everything else as is), instants as {@link Instant#toString()} (UTC,
 * ISO-8601, the fraction only as long as needed in groups of three digits).
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(4096);
    /** Per nesting level: whether the next member or element needs a comma first. */
    private final boolean[] started = new boolean[StrictJson.MAX_DEPTH + 1];
    private int depth;

    CanonicalJson beginObject(String name) {
        return open(name, '{');
    }

    CanonicalJson beginArray(String name) {
        return open(name, '[');
    }

    CanonicalJson endObject() {
        return close('}');
    }

    CanonicalJson endArray() {
        return close(']');
    }

    CanonicalJson string(String name, String value) {
        member(name);
        quote(value);
        return this;
    }

    CanonicalJson instant(String name, Instant value) {
        return string(name, value.toString());
    }

    CanonicalJson integer(String name, long value) {
        member(name);
        out.append(value);
        return this;
    }

    CanonicalJson bool(String name, boolean value) {
        member(name);
        out.append(value);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code name} null: an array element (or the top-level value). */
    private CanonicalJson open(String name, char bracket) {
        member(name);
        out.append(bracket);
        started[++depth] = false;
        return this;
    }

    private CanonicalJson close(char bracket) {
        out.append(bracket);
        depth--;
        return this;
    }

    private void member(String name) {
        if (started[depth]) {
            out.append(',');
        }
        started[depth] = true;
        if (name != null) {
            quote(name);
            out.append(':');
        }
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
