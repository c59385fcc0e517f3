package org.consilium.audit.recording;

/** Bytes that are not a canonical version-1 manifest; the message says where and why. */
public final class ManifestFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ManifestFormatException(String message) {
        super(message);
    }
}
