package org.consilium.audit.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the manifest's JSON (RFC 8259) into maps (in member order), lists, strings, longs
 * and booleans. Strict, because the signed bytes must have one reading: no whitespace (the
 * canonical form has none), no duplicate member names, no fractions or exponents, no
 * unpaired surrogates or raw control characters, nothing after the value, at most
 * {@link #MAX_DEPTH} levels. No dependency: the verifier runs with the JDK alone.
 */
final class StrictJson {

    static final int MAX_DEPTH = 8;

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** @throws ManifestFormatException with the character offset of the first problem */
    static Object parse(String text) throws ManifestFormatException {
        StrictJson parser = new StrictJson(text);
        try {
            Object value = parser.value(0);
            if (parser.pos != text.length()) {
                throw parser.error("unexpected text after the end of the JSON value");
            }
            return value;
        } catch (Problem e) {
            throw new ManifestFormatException(e.getMessage());
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> throw error("null is not allowed in a manifest");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield integer();
                }
                throw error(Character.isWhitespace(c) ? "whitespace is not allowed (the manifest is canonical JSON)"
                        : "unexpected character");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            int at = pos;
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            expect(':');
            Object value = value(depth + 1);
            if (members.put(name, value) != null) {
                pos = at;
                throw error("duplicate member \"" + name + "\"");
            }
            char next = next();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> elements = new ArrayList<>();
        if (peek() == ']') {
            pos++;
            return elements;
        }
        while (true) {
            elements.add(value(depth + 1));
            char next = next();
            if (next == ']') {
                return elements;
            }
            if (next != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                pos--;
                throw error("raw control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    pos--;
                    throw error("invalid escape");
                }
            }
        }
        String value = out.toString();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error("unpaired surrogate in a string");
            }
        }
        return value;
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Long integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a digit");
        }
        if (text.charAt(digits) == '0' && pos - digits > 1) {
            pos = start;
            throw error("leading zero in a number");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("only integers are allowed");
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("integer out of range");
        }
    }

    private Boolean literal(String word, Boolean value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private Problem error(String message) {
        return new Problem("at character " + pos + ": " + message);
    }

    /** Unwinds the recursion; becomes a ManifestFormatException at the top. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
