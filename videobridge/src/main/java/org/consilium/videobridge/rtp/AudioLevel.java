package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * Reads the client-to-mixer audio level (RFC 6464, {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level})
 * from an audio packet: one byte, the voice-activity flag V in the top bit and the level in
 * -dBov (0 loudest, 127 silence) below it. Extra bytes after the first (a two-byte form
 * element may be padded) are ignored; an element without a byte is not a level.
 */
public final class AudioLevel {

    /** The packet carries no (readable) level. */
    public static final int NONE = -1;

    private AudioLevel() {
    }

    /**
     * The element's byte (V flag in bit 7, level in bits 0-6), or {@link #NONE}.
     *
     * @param extensionId the publisher's id for the extension (0: not negotiated)
     */
    public static int read(MediaPacket packet, int extensionId) {
        long found = RtpExtensions.find(packet, extensionId);
        if (found == RtpExtensions.ABSENT || RtpExtensions.length(found) < 1) {
            return NONE;
        }
        return packet.u8(RtpExtensions.offset(found));
    }

    /** The level in -dBov, 0..127, of what {@link #read} returned. */
    public static int level(int read) {
        return read & 0x7F;
    }

    /** Whether the sender's voice activity detection flagged the packet as speech. */
    public static boolean voice(int read) {
        return (read & 0x80) != 0;
    }
}
