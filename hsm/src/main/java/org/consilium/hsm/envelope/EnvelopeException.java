package org.consilium.hsm.envelope;

import java.io.IOException;

/**
 * An envelope cannot be decrypted. An IOException because it surfaces from stream reads.
 * Whatever was read before it must be discarded: plaintext is released chunk by chunk,
 * and only the end of the stream proves that nothing was cut off.
 */
public class EnvelopeException extends IOException {

    private static final long serialVersionUID = 1L;

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
