package org.consilium.web.json;

/**
 * A client's JSON that will not do, with a sentence a person can act on.
 * {@link #field()} names the field at fault, when one is.
 */
public final class BadJson extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: each has its own error code in signaling and its own sentence in the API. */
    public enum Kind {
        /** Not one JSON object. */
        NOT_JSON,
        /** Nested deeper than {@link StrictJson#MAX_DEPTH}. */
        TOO_DEEP,
        /** Larger than the reader takes. */
        TOO_LARGE,
        /** A field of the wrong type, missing, or unknown. */
        FIELD
    }

    private final Kind kind;
    private final String field;

    BadJson(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
