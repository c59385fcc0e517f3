package org.consilium.videobridge.probe;

/** A network check the bridge will not run now; the message says why, for the page. */
public final class ProbeRefused extends Exception {

    private final String code;

    public ProbeRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code busy} (as many checks as the node takes run now) or {@code out-of-order}. */
    public String code() {
        return code;
    }
}
