package org.consilium.videobridge.bwe;

import static org.consilium.videobridge.rtp.TransportCcFeedback.DELTA_MICROS;
import static org.consilium.videobridge.rtp.TransportCcFeedback.LARGE_DELTA_SYMBOL;
import static org.consilium.videobridge.rtp.TransportCcFeedback.NOT_RECEIVED_SYMBOL;
import static org.consilium.videobridge.rtp.TransportCcFeedback.SMALL_DELTA_SYMBOL;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpType;

/**
 * Reads a receiver's transport-cc feedback (RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), the counterpart of the
 * bridge's own writer {@link org.consilium.videobridge.rtp.TransportCcFeedback}. The whole
 * packet is checked first (chunks, deltas, padding all inside it, no reserved symbol), and
 * only a packet that passes is reported to the {@link Visitor}: a malformed one changes
 * nothing and is answered with its {@link Outcome}, never an exception. Allocates nothing.
 */
public final class TransportCcReader {

    /** Header, SSRCs and the fixed FCI fields: base sequence, status count, reference time, feedback count. */
    static final int FIXED_LENGTH = 20;

    /** Why a feedback packet was refused, or {@link #OK}. */
    public enum Outcome {
        OK,
        /** Not an RTPFB packet of format 15, or shorter than its fixed fields. */
        NOT_TRANSPORT_CC,
        /** A status count of zero: nothing to report is not a valid feedback. */
        NO_STATUSES,
        /** The chunks end before every status is described. */
        CHUNKS_CUT_SHORT,
        /** A status symbol 3 (reserved). */
        RESERVED_STATUS,
        /** Fewer receive-delta bytes than the received statuses need. */
        DELTAS_CUT_SHORT,
        /** The padding bit set with a padding count of zero or longer than the packet's body. */
        BAD_PADDING,
        /** More than three bytes after the deltas (word alignment) that padding does not account for. */
        TRAILING_BYTES
    }

    /** Sees a valid feedback: its fields once, then each status in sequence order. */
    public interface Visitor {
        /** @param referenceTime the 24-bit reference time in 64 ms units, as sent (the caller unwraps it) */
        void feedback(int baseSequence, int statusCount, int referenceTime, int feedbackCount);

        /** @param microsSinceReference arrival time after the reference time (negative deltas allowed) */
        void received(int sequence, long microsSinceReference);

        void notReceived(int sequence);
    }

    private TransportCcReader() {
    }

    /**
     * @param at where the RTCP packet starts in {@code packet}; {@code length} its length
     *           in bytes from its header (the compound was checked by {@code RtcpCompound.isValid})
     */
    public static Outcome read(MediaPacket packet, int at, int length, Visitor visitor) {
        Outcome outcome = check(packet, at, length);
        if (outcome == Outcome.OK) {
            report(packet, at, visitor);
        }
        return outcome;
    }

    private static Outcome check(MediaPacket packet, int at, int length) {
        if (length < FIXED_LENGTH || at < 0 || at + length > packet.getLength()
                || packet.u8(at + 1) != RtcpType.RTPFB || (packet.u8(at) & 0x1F) != RtcpType.FMT_TRANSPORT_CC) {
            return Outcome.NOT_TRANSPORT_CC;
        }
        int end = at + length;
        if ((packet.u8(at) & 0x20) != 0) {
            int padding = packet.u8(end - 1);
            if (padding == 0 || padding > length - FIXED_LENGTH) {
                return Outcome.BAD_PADDING;
            }
            end -= padding;
        }
        int count = packet.u16(at + 14);
        if (count == 0) {
            return Outcome.NO_STATUSES;
        }
        int chunk = at + FIXED_LENGTH;
        int described = 0;
        int deltaBytes = 0;
        while (described < count) {
            if (chunk + 2 > end) {
                return Outcome.CHUNKS_CUT_SHORT;
            }
            int bits = packet.u16(chunk);
            chunk += 2;
            if ((bits & 0x8000) == 0) { // run length: one symbol repeated
                int symbol = (bits >>> 13) & 0x3;
                int run = Math.min(bits & 0x1FFF, count - described);
                if (symbol == 3) {
                    return Outcome.RESERVED_STATUS;
                }
                deltaBytes += run * deltaSize(symbol);
                described += run;
            } else {
                boolean twoBit = (bits & 0x4000) != 0;
                int symbols = Math.min(twoBit ? 7 : 14, count - described);
                for (int i = 0; i < symbols; i++) {
                    int symbol = symbol(bits, twoBit, i);
                    if (symbol == 3) {
                        return Outcome.RESERVED_STATUS;
                    }
                    deltaBytes += deltaSize(symbol);
                }
                described += symbols;
            }
        }
        if (chunk + deltaBytes > end) {
            return Outcome.DELTAS_CUT_SHORT;
        }
        return end - (chunk + deltaBytes) > 3 ? Outcome.TRAILING_BYTES : Outcome.OK;
    }

    /** Walks a packet {@link #check} passed; no bound needs checking again. */
    private static void report(MediaPacket packet, int at, Visitor visitor) {
        int base = packet.u16(at + 12);
        int count = packet.u16(at + 14);
        int referenceAndCount = packet.u32(at + 16);
        visitor.feedback(base, count, referenceAndCount >>> 8, referenceAndCount & 0xFF);
        int chunks = at + FIXED_LENGTH;
        int deltas = chunks;
        // deltas start after the last chunk: count the chunks first (cheap, at most count / 7 + 1)
        for (int described = 0; described < count; deltas += 2) {
            int bits = packet.u16(deltas);
            described += (bits & 0x8000) == 0 ? Math.min(bits & 0x1FFF, count - described)
                    : Math.min((bits & 0x4000) != 0 ? 7 : 14, count - described);
        }
        long sinceReference = 0;
        int described = 0;
        while (described < count) {
            int bits = packet.u16(chunks);
            chunks += 2;
            boolean runLength = (bits & 0x8000) == 0;
            boolean twoBit = (bits & 0x4000) != 0;
            int symbols = runLength ? Math.min(bits & 0x1FFF, count - described)
                    : Math.min(twoBit ? 7 : 14, count - described);
            for (int i = 0; i < symbols; i++) {
                int symbol = runLength ? (bits >>> 13) & 0x3 : symbol(bits, twoBit, i);
                int sequence = (base + described + i) & 0xFFFF;
                if (symbol == NOT_RECEIVED_SYMBOL) {
                    visitor.notReceived(sequence);
                    continue;
                }
                long delta = symbol == SMALL_DELTA_SYMBOL ? packet.u8(deltas) : (short) packet.u16(deltas);
                deltas += deltaSize(symbol);
                sinceReference += delta * DELTA_MICROS;
                visitor.received(sequence, sinceReference);
            }
            described += symbols;
        }
    }

    /** Symbol {@code i} of a status vector chunk (a one-bit symbol is received-with-small-delta or not). */
    private static int symbol(int bits, boolean twoBit, int i) {
        return twoBit ? (bits >>> (12 - 2 * i)) & 0x3 : (bits >>> (13 - i)) & 0x1;
    }

    private static int deltaSize(int symbol) {
        return symbol == SMALL_DELTA_SYMBOL ? 1 : symbol == LARGE_DELTA_SYMBOL ? 2 : 0;
    }
}
