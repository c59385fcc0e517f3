package org.consilium.hsm.envelope;

/**
 * The envelope is ours but fails authentication: altered bytes, chunks reordered,
 * dropped, cut short or appended, or a header from another object.
 */
public final class TamperedDataException extends EnvelopeException {

    private static final long serialVersionUID = 1L;

    public TamperedDataException(String message) {
        super(message);
    }

    public TamperedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
