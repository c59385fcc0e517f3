package org.consilium.hsm.envelope;

/** The bytes are not an envelope this code can read: wrong magic, unknown format version, impossible fields. */
public final class MalformedEnvelopeException extends EnvelopeException {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
