package org.consilium.videobridge.rtp;

import java.util.function.IntConsumer;
import org.consilium.videobridge.packet.MediaPacket;

/** Sender and receiver reports (RFC 3550 §6.4) and generic NACKs (RFC 4585 §6.2.1). */
public final class RtcpReports {

    public static final int REPORT_BLOCK = 24;
    /** A report holds at most 31 blocks (the 5-bit count). */
    public static final int MAX_BLOCKS = 31;
    private static final int SENDER_INFO = 20;

    private RtcpReports() {
    }

    /** Starts a receiver report of {@code blocks} blocks; the caller writes them at 8 + 24*i. */
    public static byte[] receiverReport(int senderSsrc, int blocks) {
        byte[] rr = new byte[8 + REPORT_BLOCK * blocks];
        rr[0] = (byte) (0x80 | blocks);
        rr[1] = (byte) RtcpType.RR;
        Bytes.putU16(rr, 2, rr.length / 4 - 1);
        Bytes.putU32(rr, 4, senderSsrc);
        return rr;
    }

    /** A sender report's sender info alone (no blocks): what receivers need for lip sync. */
    public static byte[] senderInfoOnly(MediaPacket compound, int offset) {
        byte[] sr = new byte[8 + SENDER_INFO];
        compound.readRegionToBuff(offset, sr.length, sr);
        sr[0] = (byte) 0x80;
        Bytes.putU16(sr, 2, sr.length / 4 - 1);
        return sr;
    }

    /** The SR's NTP timestamp (64 bits); its middle 32 bits are what receivers echo as LSR. */
    public static long ntpTimestamp(MediaPacket compound, int offset) {
        return ((long) compound.u32(offset + 8) << 32) | (compound.u32(offset + 12) & 0xFFFFFFFFL);
    }

    public static int reportBlocks(MediaPacket compound, int type, int offset, int length) {
        int first = type == RtcpType.SR ? 8 + SENDER_INFO : 8;
        int count = compound.u8(offset) & 0x1F;
        return Math.max(0, Math.min(count, (length - first) / REPORT_BLOCK));
    }

    /** Offset of report block {@code index} of the SR/RR at {@code offset}. */
    public static int reportBlock(int type, int offset, int index) {
        return offset + (type == RtcpType.SR ? 8 + SENDER_INFO : 8) + REPORT_BLOCK * index;
    }

    /** Calls {@code lost} with every sequence number a NACK asks for (PID plus the BLP bitmask). */
    public static void forEachNacked(MediaPacket compound, int offset, int length, IntConsumer lost) {
        for (int at = offset + 12; at + 4 <= offset + length; at += 4) {
            int pid = compound.u16(at);
            int mask = compound.u16(at + 2);
            lost.accept(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    lost.accept((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }

    /** A generic NACK from {@code senderSsrc} for the given sequence numbers of {@code mediaSsrc}. */
    public static byte[] nack(int senderSsrc, int mediaSsrc, int... sequences) {
        byte[] nack = new byte[12 + 4 * sequences.length];
        nack[0] = (byte) (0x80 | RtcpType.FMT_NACK);
        nack[1] = (byte) RtcpType.RTPFB;
        Bytes.putU16(nack, 2, nack.length / 4 - 1);
        Bytes.putU32(nack, 4, senderSsrc);
        Bytes.putU32(nack, 8, mediaSsrc);
        for (int i = 0; i < sequences.length; i++) {
            Bytes.putU16(nack, 12 + 4 * i, sequences[i]);
        }
        return nack;
    }
}
