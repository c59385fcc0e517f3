package org.consilium.videobridge.bwe;

/** The over-use detector's verdict on the path (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
    NORMAL,
    /** Delay shrinking: queues draining; the rate controller holds. */
    UNDERUSING,
    /** Delay growing faster than the adaptive threshold for long enough: a queue builds. */
    OVERUSING
}
