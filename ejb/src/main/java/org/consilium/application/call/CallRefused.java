package org.consilium.application.call;

/**
 * A signaling message the call will not act on. The code is the one sent back
 * (docs/signaling.md: invalid, forbidden, out-of-order, sdp); nothing changed.
 */
public class CallRefused extends RuntimeException {

    private final String code;

    public CallRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
