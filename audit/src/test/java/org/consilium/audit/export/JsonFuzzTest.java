package org.consilium.audit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonFuzzTest {

    /** Characters that break naive encoders, mixed with random code points of every plane. */
    private static final String NASTY = "\"\\/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029\uFEFF\uFFFF{}[]:,é中😀";

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(20261122);
        for (int i = 0; i < 5000; i++) {
            String value = randomString(random);
            String name = randomString(random);
            List<String> array = List.of(randomString(random), randomString(random));
            Map<String, String> object = new LinkedHashMap<>();
            object.put(randomString(random) + "a", randomString(random));
            object.put(randomString(random) + "b", randomString(random));
            long number = random.nextLong();

            StringBuilder line = new StringBuilder();
            new JsonObjectWriter(line)
                    .string("v", value)
                    .string("n" + name, null)
                    .integer("i", number)
                    .stringArray("a", array)
                    .stringObject("o", object)
                    .end();
            String text = line.toString();
            assertFalse(text.contains("\n") || text.contains("\r") || text.contains("\u2028"), "a raw line break");

            FlatJsonObject parsed = JsonLineParser.parse(text);
            assertEquals(value, parsed.string("v"));
            assertNull(parsed.nullableString("n" + name));
            assertEquals(number, parsed.integer("i"));
            assertEquals(array, parsed.stringArray("a"));
            assertEquals(object, parsed.stringObject("o"));
        }
    }

    @Test
    void escapesWrittenByOthersAreRead() {
        FlatJsonObject parsed = JsonLineParser.parse(
                " { \"a\" : \"\\u00e9\\u4E2D\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\" , \"b\":[ ] ,\"c\":{ }, \"d\":-0 } ");
        assertEquals("é中😀/\b\f\n\r\t\"\\", parsed.string("a"));
        assertEquals(List.of(), parsed.stringArray("b"));
        assertEquals(Map.of(), parsed.stringObject("c"));
        assertEquals(0, parsed.integer("d"));
    }

    @Test
    void extremeIntegers() {
        assertEquals(Long.MAX_VALUE, JsonLineParser.parse("{\"n\":9223372036854775807}").integer("n"));
        assertEquals(Long.MIN_VALUE, JsonLineParser.parse("{\"n\":-9223372036854775808}").integer("n"));
        assertRefused("{\"n\":9223372036854775808}", "column 6: integer out of range");
        assertRefused("{\"n\":123456789012345678901234567890}", "column 6: integer out of range");
    }

    @Test
    void whatTheFormatDoesNotUseIsRefusedWithTheColumn() {
        assertRefused("", "column 1: empty line (expected a JSON object)");
        assertRefused("[1]", "column 1: expected '{' (each line is one JSON object)");
        assertRefused("{\"a\":1.5}", "column 7: only integers are allowed (no fraction or exponent)");
        assertRefused("{\"a\":1e3}", "column 7: only integers are allowed (no fraction or exponent)");
        assertRefused("{\"a\":01}", "column 6: leading zeros are not allowed");
        assertRefused("{\"a\":-}", "column 7: expected a digit");
        assertRefused("{\"a\":true}", "column 6: booleans are not part of this format");
        assertRefused("{\"a\":{\"b\":{}}}", "column 11: a nested object may hold only strings");
        assertRefused("{\"a\":{\"b\":1}}", "column 11: a nested object may hold only strings");
        assertRefused("{\"a\":[\"x\",1]}", "column 11: arrays may hold only strings");
        assertRefused("{\"a\":[null]}", "column 7: arrays may hold only strings");
        assertRefused("{\"a\":1,\"a\":2}", "column 8: duplicate member \"a\"");
        assertRefused("{\"o\":{\"k\":\"1\",\"k\":\"2\"}}", "column 15: duplicate member \"k\"");
        assertRefused("{\"a\":\"x\"} x", "column 11: unexpected text after the object");
        assertRefused("{\"a\":\"x\"}{}", "column 10: unexpected text after the object");
        assertRefused("{\"a\":\"x\",}", "column 10: expected a string");
        assertRefused("{\"a\":\"x\" \"b\":1}", "column 10: expected ',' or '}'");
        assertRefused("{\"a\" 1}", "column 6: expected ':' after a member name");
        assertRefused("{\"a\":\"x", "column 8: unterminated string");
        assertRefused("{\"a\":\"x", "column 8: unterminated string");
        assertRefused("{\"a\":\"tab\there\"}", "column 10: control character U+0009 must be escaped");
        assertRefused("{\"a\":\"\\x\"}", "column 7: invalid escape");
        assertRefused("{\"a\":\"\\u12G4\"}", "column 9: \\u needs four hex digits");
        assertRefused("{\"a\":\"\\ud800\"}", "column 7: unpaired surrogate escape");
        assertRefused("{\"a\":\"\\udc00\"}", "column 7: unpaired surrogate escape");
        assertRefused("{\"a\":\"\\ud800\\u0041\"}", "column 7: unpaired surrogate escape");
        assertRefused("{\"a\":\"\uD800\"}", "column 7: unpaired surrogate");
        assertRefused("{\"a\":nul}", "column 6: expected a value");
        assertRefused("{\"a\":", "column 6: unexpected end of line");
        assertRefused("{", "column 2: unexpected end of line");
        assertRefused("{'a':1}", "column 2: expected a string");
    }

    @Test
    void typedAccessNamesTheMember() {
        FlatJsonObject json = JsonLineParser.parse("{\"s\":\"x\",\"n\":null,\"i\":1}");
        assertEquals("missing member \"q\"", assertThrows(MalformedLineException.class, () -> json.string("q")).getMessage());
        assertEquals("\"n\" must be a string, not null", assertThrows(MalformedLineException.class, () -> json.string("n")).getMessage());
        assertEquals("\"i\" must be a string", assertThrows(MalformedLineException.class, () -> json.string("i")).getMessage());
        assertEquals("\"s\" must be an integer", assertThrows(MalformedLineException.class, () -> json.integer("s")).getMessage());
        assertEquals("\"s\" must be an array of strings", assertThrows(MalformedLineException.class, () -> json.stringArray("s")).getMessage());
        assertEquals("\"s\" is not hexadecimal", assertThrows(MalformedLineException.class, () -> json.hex("s")).getMessage());
    }

    /** Mutated valid lines either parse or fail with a MalformedLineException: never anything else. */
    @Test
    void mutatedLinesFailCleanly() {
        StringBuilder line = new StringBuilder();
        new JsonObjectWriter(line).string("type", "event").integer("sequence", 12).string("t", null)
                .stringArray("r", List.of("a", "b\"")).stringObject("d", Map.of("k", "v\\\n😀")).end();
        String valid = line.toString();
        Random random = new Random(5);
        int parsed = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder mutated = new StringBuilder(valid);
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(mutated.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (at < mutated.length()) {
                            mutated.deleteCharAt(at);
                        }
                    }
                    case 1 -> mutated.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    default -> {
                        if (at < mutated.length()) {
                            mutated.setCharAt(at, NASTY.charAt(random.nextInt(NASTY.length())));
                        }
                    }
                }
            }
            try {
                JsonLineParser.parse(mutated.toString());
                parsed++;
            } catch (MalformedLineException expected) {
                assertTrue(expected.getMessage().startsWith("column "), expected.getMessage());
            }
        }
        assertTrue(parsed > 0 && parsed < 20000);
    }

    private static String randomString(Random random) {
        int length = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                int[] nasty = NASTY.codePoints().toArray();
                text.appendCodePoint(nasty[random.nextInt(nasty.length)]);
            } else if (kind == 1) {
                text.append((char) random.nextInt(0x80));
            } else {
                int codePoint;
                do {
                    codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
                } while (Character.getType(codePoint) == Character.SURROGATE);
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private static void assertRefused(String line, String message) {
        MalformedLineException e = assertThrows(MalformedLineException.class, () -> JsonLineParser.parse(line), line);
        assertEquals(message, e.getMessage(), line);
    }
}
