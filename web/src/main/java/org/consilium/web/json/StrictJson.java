package org.consilium.web.json;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Optional;

/**
 * One JSON object from a client, read strictly (see the package): the nesting is checked
 * in a streaming pass before anything is built, and fields are read by type, naming the
 * field when it has another. Plain Java.
 */
public final class StrictJson {

    /** No message of ours nests deeper than 3; 16 leaves room and bounds the parser's work. */
    public static final int MAX_DEPTH = 16;

    private StrictJson() {
    }

    /** The one JSON object {@code text} holds. */
    public static JsonObject object(String text) {
        checkDepth(text);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException notAnObject) {
            throw new BadJson(BadJson.Kind.NOT_JSON, null, "not one JSON object");
        }
    }

    private static void checkDepth(String text) {
        int depth = 0;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new BadJson(BadJson.Kind.TOO_DEEP, null,
                                    "JSON nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // values and keys: nothing to count
                    }
                }
            }
        } catch (JsonParsingException | IllegalStateException | java.util.NoSuchElementException notJson) {
            throw new BadJson(BadJson.Kind.NOT_JSON, null, "not one JSON object");
        } catch (jakarta.json.JsonException notJson) {
            throw new BadJson(BadJson.Kind.NOT_JSON, null, "not one JSON object");
        }
    }

    /** A string field that must be there. */
    public static String string(JsonObject object, String field) {
        return optionalString(object, field).orElseThrow(() -> missing(field, "a string"));
    }

    /** A string field, absent or null allowed; any other type is refused. */
    public static Optional<String> optionalString(JsonObject object, String field) {
        JsonValue value = present(object, field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        throw wrong(field, "a string");
    }

    /** A boolean field that must be there: {@code true} or {@code false}, nothing else. */
    public static boolean bool(JsonObject object, String field) {
        return optionalBool(object, field).orElseThrow(() -> missing(field, "true or false"));
    }

    /** A boolean field, absent or null allowed; {@code "yes"}, {@code 1} and the like are refused. */
    public static Optional<Boolean> optionalBool(JsonObject object, String field) {
        JsonValue value = present(object, field);
        if (value == null) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE || value.getValueType() == JsonValue.ValueType.TRUE
                || value.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(value.getValueType() == JsonValue.ValueType.TRUE);
        }
        throw wrong(field, "true or false");
    }

    /** A whole number in {@code min..max} that must be there. */
    public static long whole(JsonObject object, String field, long min, long max) {
        String expected = "a whole number from " + min + " to " + max;
        return optionalWhole(object, field, min, max, expected).orElseThrow(() -> missing(field, expected));
    }

    /** A whole number in {@code min..max}, absent or null allowed; {@code 1.5}, {@code "5"} are refused. */
    public static Optional<Long> optionalWhole(JsonObject object, String field, long min, long max) {
        return optionalWhole(object, field, min, max, "a whole number from " + min + " to " + max);
    }

    private static Optional<Long> optionalWhole(JsonObject object, String field, long min, long max, String expected) {
        JsonValue value = present(object, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw wrong(field, expected);
        }
        long whole;
        try {
            whole = number.bigDecimalValue().longValueExact();
        } catch (ArithmeticException notWhole) {
            throw wrong(field, expected);
        }
        if (whole < min || whole > max) {
            throw wrong(field, expected);
        }
        return Optional.of(whole);
    }

    /**
     * The record {@code type} made from {@code object}: each component read by its type
     * ({@code String}, {@code Boolean}, {@code Integer}; absent or null is null), and a
     * field the record does not have refused, so that nobody believes a setting took
     * effect that was never read.
     */
    public static <R extends Record> R record(JsonObject object, Class<R> type) {
        java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
        java.util.Set<String> known = new java.util.LinkedHashSet<>();
        for (java.lang.reflect.RecordComponent component : components) {
            known.add(component.getName());
        }
        for (String field : object.keySet()) {
            if (!known.contains(field)) {
                throw new BadJson(BadJson.Kind.FIELD, printable(field), "'" + printable(field) + "' is not a field of this request"
                        + (known.isEmpty() ? "" : "; it takes " + String.join(", ", known)));
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            types[i] = components[i].getType();
            if (types[i] == String.class) {
                values[i] = optionalString(object, name).orElse(null);
            } else if (types[i] == Boolean.class) {
                values[i] = optionalBool(object, name).orElse(null);
            } else if (types[i] == Integer.class) {
                values[i] = optionalWhole(object, name, Integer.MIN_VALUE, Integer.MAX_VALUE, "a whole number")
                        .map(Long::intValue).orElse(null);
            } else {
                throw new IllegalStateException("no strict reading of " + types[i] + " (" + type.getSimpleName() + ")");
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException unusable) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), unusable);
        }
    }

    /** A name a client chose, fit to repeat in an error: printable, at most 64 characters. */
    private static String printable(String text) {
        String shown = text.replaceAll("[^\\p{Graph} ]", "?");
        return shown.length() <= 64 ? shown : shown.substring(0, 64) + "...";
    }

    private static JsonValue present(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static BadJson missing(String field, String expected) {
        return new BadJson(BadJson.Kind.FIELD, field, "'" + field + "' is missing: it must be " + expected);
    }

    private static BadJson wrong(String field, String expected) {
        return new BadJson(BadJson.Kind.FIELD, field, "'" + field + "' must be " + expected);
    }
}
