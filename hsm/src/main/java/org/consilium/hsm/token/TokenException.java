package org.consilium.hsm.token;

/**
 * The token cannot be reached or refused an operation. Messages name labels and
 * mechanisms, never key material or PINs.
 */
public class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenException(String message) {
        super(message);
    }

    public TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
