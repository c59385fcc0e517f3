package org.consilium.videobridge.rtp;

/**
 * Records when each transport-wide sequence number arrived and writes transport-cc
 * feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), from which the
 * publisher's congestion controller estimates the bandwidth it may use. Receive thread only.
 */
public final class TransportCcFeedback {

    /** Sequence numbers remembered; a feedback covers at most this many. */
    static final int WINDOW = 1024;
    private static final long NOT_RECEIVED = Long.MIN_VALUE;
    /** A receive delta counts in these (§3.1.5); the bridge's estimator reads feedback with the same units. */
    public static final long DELTA_MICROS = 250;
    /** The reference time counts in these (§3.1: 24 bits of 64 ms). */
    public static final long REFERENCE_MICROS = 64_000;
    /** Packet status symbols (§3.1.1): not received, received with a one-byte delta, with a two-byte delta. */
    public static final int NOT_RECEIVED_SYMBOL = 0;
    public static final int SMALL_DELTA_SYMBOL = 1;
    public static final int LARGE_DELTA_SYMBOL = 2;

    private final long[] arrivalMicros = new long[WINDOW];
    private long highest = -1;     // unwrapped
    private long nextToReport = -1; // unwrapped; -1 until the first packet
    private int feedbackCount;

    public TransportCcFeedback() {
        java.util.Arrays.fill(arrivalMicros, NOT_RECEIVED);
    }

    public void received(int sequence16, long arrivalMicros) {
        long unwrapped;
        if (highest < 0) {
            unwrapped = sequence16;
            nextToReport = unwrapped;
        } else {
            unwrapped = highest + (short) (sequence16 - (int) (highest & 0xFFFF));
        }
        if (unwrapped < nextToReport || unwrapped >= nextToReport + WINDOW) {
            if (unwrapped >= nextToReport + WINDOW) {
                // a gap wider than the window (a long stall): start reporting afresh from here
                java.util.Arrays.fill(this.arrivalMicros, NOT_RECEIVED);
                nextToReport = unwrapped;
            } else {
                return; // already reported
            }
        }
        this.arrivalMicros[(int) (unwrapped % WINDOW)] = arrivalMicros;
        highest = Math.max(highest, unwrapped);
    }

    public boolean hasPending() {
        return highest >= 0 && nextToReport <= highest;
    }

    /**
     * Writes one feedback packet covering every number since the last feedback, or returns
     * null when there is nothing new.
     */
    public byte[] write(int senderSsrc, int mediaSsrc) {
        if (!hasPending()) {
            return null;
        }
        long first = nextToReport;
        int count = (int) (highest - first + 1);
        long firstArrival = NOT_RECEIVED;
        for (long seq = first; seq <= highest && firstArrival == NOT_RECEIVED; seq++) {
            firstArrival = arrivalMicros[(int) (seq % WINDOW)];
        }
        long reference = Math.floorDiv(firstArrival, REFERENCE_MICROS);
        int chunks = (count + 6) / 7;
        byte[] deltas = new byte[2 * count];
        int deltaBytes = 0;
        byte[] chunkBytes = new byte[2 * chunks];
        long previous = reference * REFERENCE_MICROS;
        for (int i = 0; i < count; i++) {
            int slot = (int) ((first + i) % WINDOW);
            long arrival = arrivalMicros[slot];
            arrivalMicros[slot] = NOT_RECEIVED;
            int symbol = NOT_RECEIVED_SYMBOL;
            if (arrival != NOT_RECEIVED) {
                long delta = Math.floorDiv(arrival - previous, DELTA_MICROS);
                if (delta >= 0 && delta <= 255) {
                    symbol = SMALL_DELTA_SYMBOL;
                    deltas[deltaBytes++] = (byte) delta;
                } else {
                    symbol = LARGE_DELTA_SYMBOL;
                    delta = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, delta));
                    deltas[deltaBytes++] = (byte) (delta >>> 8);
                    deltas[deltaBytes++] = (byte) delta;
                }
                previous += delta * DELTA_MICROS;
            }
            int chunk = i / 7;
            int position = i % 7; // two-bit status vector chunk: 1 1 then seven 2-bit symbols
            int bits = ((chunkBytes[2 * chunk] & 0xFF) << 8) | (chunkBytes[2 * chunk + 1] & 0xFF);
            bits |= 0xC000 | (symbol << (12 - 2 * position));
            Bytes.putU16(chunkBytes, 2 * chunk, bits);
        }
        nextToReport = highest + 1;
        int unpadded = 20 + chunkBytes.length + deltaBytes;
        int padding = (4 - unpadded % 4) % 4;
        byte[] packet = new byte[unpadded + padding];
        packet[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | RtcpType.FMT_TRANSPORT_CC);
        packet[1] = (byte) RtcpType.RTPFB;
        Bytes.putU16(packet, 2, packet.length / 4 - 1);
        Bytes.putU32(packet, 4, senderSsrc);
        Bytes.putU32(packet, 8, mediaSsrc);
        Bytes.putU16(packet, 12, (int) (first & 0xFFFF));
        Bytes.putU16(packet, 14, count);
        Bytes.putU32(packet, 16, (int) ((reference & 0xFFFFFF) << 8) | (feedbackCount++ & 0xFF));
        System.arraycopy(chunkBytes, 0, packet, 20, chunkBytes.length);
        System.arraycopy(deltas, 0, packet, 20 + chunkBytes.length, deltaBytes);
        if (padding > 0) {
            packet[packet.length - 1] = (byte) padding;
        }
        return packet;
    }
}
