package org.consilium.videobridge.conference;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * A padding-only RTX packet (RFC 3550 §5.1 padding, RFC 4588 stream): what the bridge
 * probes with when it has no recent video to repeat for a receiver, which is exactly when
 * probing matters most: video paused for a weak link sends only audio, so the estimate
 * can grow only to 1.5 times that, and video would never come back. It carries the
 * receiver's transport-wide number, so its arrival is reported like media; the browser
 * drops it as padding (libwebrtc pads on its RTX streams the same way).
 */
final class PaddingProbe {

    /** RFC 3550: the padding length is one byte. */
    static final int MAX_PADDING = 255;
    private static final int HEADER = 12;
    private static final int EXTENSION = 8; // 0xBEDE, one word: transport-cc (id, 2 bytes) and a pad byte

    private PaddingProbe() {
    }

    /** Writes the packet into {@code into}; returns it. */
    static MediaPacket write(MediaPacket into, int rtxPayloadType, int rtxSsrc, int rtxSequence, int transportCcId,
                             int transportSequence, int padding) {
        int length = HEADER + EXTENSION + padding;
        byte[] bytes = into.reset(length + MediaPacket.TRAILER_ROOM);
        java.util.Arrays.fill(bytes, 0, length, (byte) 0);
        bytes[0] = (byte) (0x80 | 0x20 | 0x10); // version 2, padding, extension
        bytes[1] = (byte) rtxPayloadType;
        into.setLength(length);
        into.putU16(2, rtxSequence);
        into.putU32(4, 0);
        into.putU32(8, rtxSsrc);
        bytes[HEADER] = (byte) 0xBE;
        bytes[HEADER + 1] = (byte) 0xDE;
        bytes[HEADER + 3] = 1;
        bytes[HEADER + 4] = (byte) ((transportCcId << 4) | 1);
        bytes[HEADER + 5] = (byte) (transportSequence >>> 8);
        bytes[HEADER + 6] = (byte) transportSequence;
        bytes[length - 1] = (byte) padding;
        return into;
    }
}
