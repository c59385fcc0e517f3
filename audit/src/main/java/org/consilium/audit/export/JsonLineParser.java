package org.consilium.audit.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parses one line holding one flat JSON object (RFC 8259 syntax) whose members are
 * strings, integers, null, arrays of strings, or objects of strings. Anything else
 * (fractions, exponents, booleans, deeper nesting, duplicate names, unpaired surrogates,
 * raw control characters, trailing text) is refused with the column where it was found.
 */
final class JsonLineParser {

    private static final int MAX_INTEGER_DIGITS = 19;

    private final String text;
    private int pos;

    private JsonLineParser(String text) {
        this.text = text;
    }

    static FlatJsonObject parse(String line) {
        JsonLineParser parser = new JsonLineParser(line);
        parser.skipWhitespace();
        if (parser.pos == line.length()) {
            throw MalformedLineException.at(0, "empty line (expected a JSON object)");
        }
        FlatJsonObject object = new FlatJsonObject(parser.topLevelObject());
        parser.skipWhitespace();
        if (parser.pos != line.length()) {
            throw parser.error("unexpected text after the object");
        }
        return object;
    }

    private Map<String, Object> topLevelObject() {
        expect('{', "expected '{' (each line is one JSON object)");
        return members(this::topLevelValue);
    }

    /** After '{': name-value pairs up to '}', each value read by {@code value}. */
    private Map<String, Object> members(Supplier<Object> value) {
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            int nameStart = pos;
            String name = string();
            skipWhitespace();
            expect(':', "expected ':' after a member name");
            skipWhitespace();
            Object member = value.get();
            if (members.containsKey(name)) {
                throw MalformedLineException.at(nameStart, "duplicate member \"" + name + "\"");
            }
            members.put(name, member);
            skipWhitespace();
            if (next("expected ',' or '}'") == '}') {
                return members;
            }
            requirePrevious(',', "expected ',' or '}'");
        }
    }

    private Object topLevelValue() {
        char c = peek();
        return switch (c) {
            case '"' -> string();
            case '[' -> stringArray();
            case '{' -> stringObject();
            case 'n' -> literalNull();
            case 't', 'f' -> throw error("booleans are not part of this format");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield integer();
                }
                throw error("expected a value");
            }
        };
    }

    private List<String> stringArray() {
        pos++;
        List<String> values = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(values);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("arrays may hold only strings");
            }
            values.add(string());
            skipWhitespace();
            if (next("expected ',' or ']'") == ']') {
                return Collections.unmodifiableList(values);
            }
            requirePrevious(',', "expected ',' or ']'");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> stringObject() {
        pos++;
        Map<String, ?> members = members(() -> {
            if (peek() != '"') {
                throw error("a nested object may hold only strings");
            }
            return string();
        });
        return Collections.unmodifiableMap((Map<String, String>) members);
    }

    private Object literalNull() {
        if (!text.startsWith("null", pos)) {
            throw error("expected a value");
        }
        pos += 4;
        return null;
    }

    private Long integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0) {
            throw error("expected a digit");
        }
        if (digits > 1 && text.charAt(digitsStart) == '0') {
            throw MalformedLineException.at(digitsStart, "leading zeros are not allowed");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("only integers are allowed (no fraction or exponent)");
        }
        if (digits > MAX_INTEGER_DIGITS) {
            throw MalformedLineException.at(start, "integer out of range");
        }
        try {
            return Long.parseLong(text, start, pos, 10);
        } catch (NumberFormatException e) {
            throw MalformedLineException.at(start, "integer out of range");
        }
    }

    private String string() {
        expect('"', "expected a string");
        StringBuilder value = null;
        int run = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String result = value == null ? text.substring(run, pos)
                        : value.append(text, run, pos).toString();
                pos++;
                return result;
            }
            if (c < 0x20) {
                throw error("control character U+" + hex4(c) + " must be escaped");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && pos + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    pos += 2;
                    continue;
                }
                throw error("unpaired surrogate");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (value == null) {
                value = new StringBuilder(Math.max(16, (pos - run) * 2));
            }
            value.append(text, run, pos);
            escape(value);
            run = pos;
        }
    }

    /** At a backslash: appends what the escape stands for and moves past it. */
    private void escape(StringBuilder value) {
        int start = pos;
        pos++;
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"' -> value.append('"');
            case '\\' -> value.append('\\');
            case '/' -> value.append('/');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
                char unit = hexUnit();
                if (Character.isHighSurrogate(unit)) {
                    if (!text.startsWith("\\u", pos)) {
                        throw MalformedLineException.at(start, "unpaired surrogate escape");
                    }
                    pos += 2;
                    char low = hexUnit();
                    if (!Character.isLowSurrogate(low)) {
                        throw MalformedLineException.at(start, "unpaired surrogate escape");
                    }
                    value.append(unit).append(low);
                } else if (Character.isLowSurrogate(unit)) {
                    throw MalformedLineException.at(start, "unpaired surrogate escape");
                } else {
                    value.append(unit);
                }
            }
            default -> throw MalformedLineException.at(start, "invalid escape");
        }
    }

    private char hexUnit() {
        if (pos + 4 > text.length()) {
            throw error("\\u needs four hex digits");
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("\\u needs four hex digits");
            }
            unit = unit << 4 | digit;
        }
        pos += 4;
        return (char) unit;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(pos);
    }

    private char next(String expectation) {
        if (pos >= text.length()) {
            throw error("unexpected end of line, " + expectation);
        }
        return text.charAt(pos++);
    }

    private void expect(char c, String message) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error(pos >= text.length() ? "unexpected end of line, " + message : message);
        }
        pos++;
    }

    private void requirePrevious(char c, String message) {
        if (text.charAt(pos - 1) != c) {
            pos--;
            throw error(message);
        }
    }

    private MalformedLineException error(String message) {
        return MalformedLineException.at(pos, message);
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }
}
