package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * Finds one element of an RTP packet's header extension block (RFC 8285: the one-byte
 * form, profile 0xBEDE, and the two-byte form, 0x100X), in place and without allocating:
 * the answer is the element's data offset and length packed in one int. A block that runs
 * past the packet, a truncated element, or the one-byte form's reserved id 15 ends the walk
 * (what was found before stays found; what was not, is not).
 */
public final class HeaderExtensions {

    /** The packet has no such element (or a malformed block). */
    public static final int NOT_FOUND = -1;

    static final int ONE_BYTE_PROFILE = 0xBEDE;
    static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    static final int TWO_BYTE_PROFILE = 0x1000;

    private HeaderExtensions() {
    }

    /**
     * The element with {@code id}, as {@code offset << 8 | length} (see {@link #offset} and
     * {@link #length}), or {@link #NOT_FOUND}.
     */
    public static int find(MediaPacket packet, int id) {
        if (id <= 0 || packet.getLength() < Rtp.FIXED_HEADER || (packet.u8(0) & 0x10) == 0) {
            return NOT_FOUND;
        }
        int fixed = Rtp.FIXED_HEADER + 4 * (packet.u8(0) & 0x0F);
        if (fixed + 4 > packet.getLength()) {
            return NOT_FOUND;
        }
        int profile = packet.u16(fixed);
        int end = fixed + 4 + 4 * packet.u16(fixed + 2);
        if (end > packet.getLength()) {
            return NOT_FOUND;
        }
        boolean oneByte = profile == ONE_BYTE_PROFILE;
        if (!oneByte && (profile & TWO_BYTE_PROFILE_MASK) != TWO_BYTE_PROFILE) {
            return NOT_FOUND;
        }
        int at = fixed + 4;
        while (at < end) {
            int elementId;
            int length;
            int header;
            if (oneByte) {
                elementId = packet.u8(at) >>> 4;
                if (elementId == 15) {
                    return NOT_FOUND; // reserved: the rest of the block is not to be read (RFC 8285 §4.2)
                }
                length = (packet.u8(at) & 0x0F) + 1;
                header = 1;
            } else {
                elementId = packet.u8(at);
                if (elementId != 0 && at + 1 >= end) {
                    return NOT_FOUND;
                }
                length = elementId == 0 ? 0 : packet.u8(at + 1);
                header = 2;
            }
            if (elementId == 0) {
                at++; // padding
                continue;
            }
            if (at + header + length > end) {
                return NOT_FOUND; // truncated element
            }
            if (elementId == id) {
                return ((at + header) << 8) | length;
            }
            at += header + length;
        }
        return NOT_FOUND;
    }

    /** Where the found element's data starts in the packet. */
    public static int offset(int found) {
        return found >>> 8;
    }

    /** The found element's data length in bytes (0..255; at least 1 in the one-byte form). */
    public static int length(int found) {
        return found & 0xFF;
    }
}
