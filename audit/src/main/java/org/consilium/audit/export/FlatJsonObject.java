package org.consilium.audit.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed line, with typed access that names the member when it is missing or of another type. */
final class FlatJsonObject {

    private final Map<String, Object> members;

    FlatJsonObject(Map<String, Object> members) {
        this.members = members;
    }

    /** Refuses members the format does not define: they would not be covered by any hash. */
    void requireOnly(Set<String> names) {
        for (String name : members.keySet()) {
            if (!names.contains(name)) {
                throw new MalformedLineException("unexpected member \"" + name + "\"");
            }
        }
    }

    String string(String name) {
        String value = nullableString(name);
        if (value == null) {
            throw new MalformedLineException("\"" + name + "\" must be a string, not null");
        }
        return value;
    }

    String nullableString(String name) {
        Object value = member(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string");
    }

    long integer(String name) {
        if (member(name) instanceof Long value) {
            return value;
        }
        throw wrongType(name, "an integer");
    }

    @SuppressWarnings("unchecked")
    List<String> stringArray(String name) {
        if (member(name) instanceof List<?> value) {
            return (List<String>) value;
        }
        throw wrongType(name, "an array of strings");
    }

    @SuppressWarnings("unchecked")
    Map<String, String> stringObject(String name) {
        if (member(name) instanceof Map<?, ?> value) {
            return (Map<String, String>) value;
        }
        throw wrongType(name, "an object of strings");
    }

    Instant instant(String name) {
        String value = string(name);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("\"" + name + "\" is not an ISO-8601 instant such as 2026-11-22T08:15:30.123Z");
        }
    }

    byte[] hex(String name) {
        String value = string(name);
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("\"" + name + "\" is not hexadecimal");
        }
    }

    byte[] base64(String name) {
        String value = string(name);
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("\"" + name + "\" is not base64");
        }
    }

    private Object member(String name) {
        if (!members.containsKey(name)) {
            throw new MalformedLineException("missing member \"" + name + "\"");
        }
        return members.get(name);
    }

    private MalformedLineException wrongType(String name, String expected) {
        return new MalformedLineException("\"" + name + "\" must be " + expected);
    }
}
