package org.consilium.videobridge.srtp;

/** How an SRTP/SRTCP transform went. Anything but OK means: drop the packet. */
public enum SrtpOutcome {
    OK,
    /** Authentication tag (or GCM tag) wrong: forged, corrupted, or wrong key. */
    AUTHENTICATION_FAILED,
    /** Seen before (or too old for the replay window). */
    REPLAYED,
    /** Too short or otherwise not SRTP/SRTCP at all. */
    MALFORMED,
    /** Encrypting: the packet was not protected (it may still be in clear text) and must not be sent. */
    NOT_PROTECTED
}
