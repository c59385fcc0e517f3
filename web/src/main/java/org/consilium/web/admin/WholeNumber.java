package org.consilium.web.admin;

import java.util.Map;

/** A whole number typed in a console field: digits only, or the field's error sentence. */
final class WholeNumber {

    private WholeNumber() {
    }

    /** The number, or null with {@code errors} naming what is wrong ({@code unit}: "minutes", "days"…). */
    static Long parse(Map<String, String> errors, String field, String text, String unit, String example) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            errors.put(field, "Give a number of " + unit + ".");
            return null;
        }
        if (!value.matches("[0-9]{1,9}")) {
            errors.put(field, "Give a whole number of " + unit + ", such as " + example + ", in digits only.");
            return null;
        }
        return Long.parseLong(value);
    }
}
