package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * Walks the packets of an RTCP compound packet (RFC 3550 §6.1). {@link #isValid} checks
 * that every packet is version 2 and that the lengths add up exactly to the datagram;
 * only then may {@link #forEach} be used.
 */
public final class RtcpCompound {

    /** Sees one packet of a compound: its type, format (or count) field, offset and length in bytes. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int type, int format, int offset, int length);
    }

    private RtcpCompound() {
    }

    public static boolean isValid(MediaPacket packet) {
        int at = 0;
        int end = packet.getLength();
        if (end < 4) {
            return false;
        }
        while (at < end) {
            if (end - at < 4 || (packet.u8(at) >>> 6) != 2) {
                return false;
            }
            int length = 4 * (packet.u16(at + 2) + 1);
            if (length > end - at) {
                return false;
            }
            at += length;
        }
        return true;
    }

    public static void forEach(MediaPacket packet, Visitor visitor) {
        int at = 0;
        int end = packet.getLength();
        while (at + 4 <= end) {
            int length = 4 * (packet.u16(at + 2) + 1);
            visitor.visit(packet.u8(at + 1), packet.u8(at) & 0x1F, at, length);
            at += length;
        }
    }

    /** For feedback packets (RTPFB/PSFB): the SSRC of the media source the feedback is about. */
    public static int feedbackMediaSsrc(MediaPacket packet, int offset) {
        return packet.u32(offset + 8);
    }

    /** A Picture Loss Indication (RFC 4585 §6.3.1) from {@code senderSsrc} about {@code mediaSsrc}. */
    public static byte[] pli(int senderSsrc, int mediaSsrc) {
        byte[] pli = new byte[12];
        pli[0] = (byte) (0x80 | RtcpType.FMT_PLI);
        pli[1] = (byte) RtcpType.PSFB;
        pli[3] = 2;
        Bytes.putU32(pli, 4, senderSsrc);
        Bytes.putU32(pli, 8, mediaSsrc);
        return pli;
    }
}
