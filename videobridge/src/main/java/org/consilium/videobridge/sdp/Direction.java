package org.consilium.videobridge.sdp;

/** Media direction from the point of view of the SDP's author. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public String sdp() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }
}
