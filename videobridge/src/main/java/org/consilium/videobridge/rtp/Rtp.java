package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/** Reads fields of an RTP header in place (RFC 3550 §5.1). */
public final class Rtp {

    public static final int FIXED_HEADER = 12;

    private Rtp() {
    }

    /** RFC 5761 §4: payload types 64-95 (with the marker bit: 192-223) are RTCP on a muxed port. */
    public static boolean isRtcp(MediaPacket packet) {
        if (packet.getLength() < 2) {
            return false;
        }
        int type = packet.u8(1);
        return type >= 192 && type <= 223;
    }

    /** Version 2, and the header (CSRCs, extension) and padding fit in the packet. */
    public static boolean isValid(MediaPacket packet) {
        int length = packet.getLength();
        if (length < FIXED_HEADER || (packet.u8(0) >>> 6) != 2) {
            return false;
        }
        int header = headerLength(packet);
        if (header < 0 || header > length) {
            return false;
        }
        if ((packet.u8(0) & 0x20) != 0) { // padding: last byte counts the padding octets
            int padding = packet.u8(length - 1);
            return padding > 0 && header + padding <= length;
        }
        return true;
    }

    /** Fixed header plus CSRCs plus header extension, or -1 if the extension runs past the end. */
    public static int headerLength(MediaPacket packet) {
        int length = FIXED_HEADER + 4 * (packet.u8(0) & 0x0F);
        if ((packet.u8(0) & 0x10) != 0) {
            if (length + 4 > packet.getLength()) {
                return -1;
            }
            length += 4 + 4 * packet.u16(length + 2);
        }
        return length;
    }

    /**
     * Where the payload ends: padding (its count in the last byte, RFC 3550 §5.1) is not
     * payload. Call on a packet {@link #isValid} accepted.
     */
    public static int payloadEnd(MediaPacket packet) {
        int length = packet.getLength();
        return (packet.u8(0) & 0x20) != 0 ? length - packet.u8(length - 1) : length;
    }

    public static int payloadType(MediaPacket packet) {
        return packet.u8(1) & 0x7F;
    }

    public static boolean marker(MediaPacket packet) {
        return (packet.u8(1) & 0x80) != 0;
    }

    public static int sequenceNumber(MediaPacket packet) {
        return packet.u16(2);
    }

    public static long timestamp(MediaPacket packet) {
        return packet.u32(4) & 0xFFFFFFFFL;
    }

    public static int ssrc(MediaPacket packet) {
        return packet.u32(8);
    }
}
