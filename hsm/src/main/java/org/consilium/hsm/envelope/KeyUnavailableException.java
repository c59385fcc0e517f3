package org.consilium.hsm.envelope;

/**
 * The KEK version the header names is not on the token: destroyed (the object is
 * crypto-shredded), a different token, or an altered header.
 */
public final class KeyUnavailableException extends EnvelopeException {

    private static final long serialVersionUID = 1L;

    private final int kekVersion;

    public KeyUnavailableException(int kekVersion) {
        super("KEK v" + kekVersion + " is not on the token (destroyed, another token, or an altered header)");
        this.kekVersion = kekVersion;
    }

    public int kekVersion() {
        return kekVersion;
    }
}
