package org.consilium.audit.export;

import java.util.List;
import java.util.Map;

/** Writes one flat JSON object: string, integer, null, string-array and string-object members. */
final class JsonObjectWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean empty = true;

    JsonObjectWriter(StringBuilder out) {
        this.out = out;
        out.append('{');
    }

    /** A string member, or null when {@code value} is null. */
    JsonObjectWriter string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        return this;
    }

    JsonObjectWriter integer(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    JsonObjectWriter stringArray(String name, List<String> values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, values.get(i));
        }
        out.append(']');
        return this;
    }

    JsonObjectWriter stringObject(String name, Map<String, String> members) {
        name(name);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, member.getKey());
            out.append(':');
            quote(out, member.getValue());
        }
        out.append('}');
        return this;
    }

    void end() {
        out.append('}');
    }

    private void name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        quote(out, name);
        out.append(':');
    }

    /**
     * A JSON string: quote, backslash and every control character escaped (C0, DEL, and the
     * line separators U+2028/U+2029, which some tools take for line ends), the rest as is.
     */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (escape == null && c >= 0x20 && c != 0x7f && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            if (escape != null) {
                out.append(escape);
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        out.append(value, run, value.length());
        out.append('"');
    }
}
