package org.consilium.domain;

import java.util.Locale;

/**
 * A staff member's directory login name. Directory lookups are case-insensitive, so the
 * name is kept in lower case: "AOrtiz" and "aortiz" are one account.
 */
public record Username(String value) {

    public static final int MAX_LENGTH = 256;

    public Username {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("username longer than " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
