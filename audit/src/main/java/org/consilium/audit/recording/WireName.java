package org.consilium.audit.recording;

/** An enum constant as spelled in the manifest (lower case, hyphens), and back. */
final class WireName {

    private WireName() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wire, String field) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(wire)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " has an unknown value (allowed: " + allowed(type) + ")");
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder out = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            out.append(out.length() == 0 ? "" : ", ").append(of(constant));
        }
        return out.toString();
    }
}
