package org.consilium.videobridge.sdp;

/** An offer the bridge cannot answer. The message says why, for the signaling to pass on. */
public final class InvalidSdpException extends Exception {

    public InvalidSdpException(String message) {
        super(message);
    }
}
