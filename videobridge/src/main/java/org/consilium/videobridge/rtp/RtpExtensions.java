package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * Finds one header extension element (RFC 8285, one-byte or two-byte form) in an RTP
 * packet without allocating: the answer is the element's data offset and length packed in
 * a long. A malformed block ends the search (what was whole before it still counts).
 */
public final class RtpExtensions {

    /** No such element (or no extension block, or id 0). */
    public static final long ABSENT = -1;

    private RtpExtensions() {
    }

    /** @return {@code offset << 16 | length} of the element's data in the packet, or {@link #ABSENT} */
    public static long find(MediaPacket packet, int id) {
        if (id <= 0 || (packet.u8(0) & 0x10) == 0) {
            return ABSENT;
        }
        int fixed = Rtp.FIXED_HEADER + 4 * (packet.u8(0) & 0x0F);
        if (fixed + 4 > packet.getLength()) {
            return ABSENT;
        }
        int profile = packet.u16(fixed);
        boolean oneByte = profile == 0xBEDE;
        if (!oneByte && (profile & 0xFFF0) != 0x1000) {
            return ABSENT;
        }
        int end = fixed + 4 + 4 * packet.u16(fixed + 2);
        if (end > packet.getLength()) {
            return ABSENT;
        }
        int at = fixed + 4;
        while (at < end) {
            int elementId;
            int length;
            int header;
            if (oneByte) {
                elementId = packet.u8(at) >>> 4;
                if (elementId == 0) {
                    at++;
                    continue;
                }
                if (elementId == 15) {
                    return ABSENT;
                }
                length = (packet.u8(at) & 0x0F) + 1;
                header = 1;
            } else {
                elementId = packet.u8(at);
                if (elementId == 0) {
                    at++;
                    continue;
                }
                if (at + 1 >= end) {
                    return ABSENT;
                }
                length = packet.u8(at + 1);
                header = 2;
            }
            if (at + header + length > end) {
                return ABSENT;
            }
            if (elementId == id) {
                return ((long) (at + header) << 16) | length;
            }
            at += header + length;
        }
        return ABSENT;
    }

    public static int offset(long found) {
        return (int) (found >>> 16);
    }

    public static int length(long found) {
        return (int) (found & 0xFFFF);
    }

    /** Whether the element's bytes are exactly the ASCII of {@code value} (RID and MID are ASCII tokens). */
    public static boolean equalsAscii(MediaPacket packet, long found, String value) {
        if (found == ABSENT || length(found) != value.length()) {
            return false;
        }
        int at = offset(found);
        for (int i = 0; i < value.length(); i++) {
            if (packet.u8(at + i) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
