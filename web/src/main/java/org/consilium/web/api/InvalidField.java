package org.consilium.web.api;

import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/** A 400 naming the request field at fault, with a sentence that says what is expected. */
final class InvalidField extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    InvalidField(String field, String error) {
        super(Problem.badField(field, error));
    }

    /** The value object made from a request field, or a 400 naming the field with the value object's own message. */
    static <T> T read(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException invalid) {
            throw new InvalidField(field, sentence(invalid.getMessage()));
        }
    }

    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }
}
