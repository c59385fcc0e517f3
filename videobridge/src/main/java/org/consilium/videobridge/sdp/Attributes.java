package org.consilium.videobridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds {@code a=} attributes by name in a list of attribute values. */
final class Attributes {

    private Attributes() {
    }

    static Optional<String> first(List<String> attributes, String name) {
        for (String attribute : attributes) {
            String value = valueOf(attribute, name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static List<String> all(List<String> attributes, String name) {
        List<String> values = new ArrayList<>();
        for (String attribute : attributes) {
            String value = valueOf(attribute, name);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The value ("" for a flag) if the attribute is called {@code name}, else null. */
    private static String valueOf(String attribute, String name) {
        if (!attribute.startsWith(name)) {
            return null;
        }
        if (attribute.length() == name.length()) {
            return "";
        }
        return attribute.charAt(name.length()) == ':' ? attribute.substring(name.length() + 1).strip() : null;
    }
}
