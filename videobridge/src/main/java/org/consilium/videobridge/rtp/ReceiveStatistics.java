package org.consilium.videobridge.rtp;

/**
 * Reception figures of one incoming stream, as RFC 3550 §6.4.1 and appendix A.3/A.8
 * define them for a receiver report block. Updated only by the receive thread; the
 * cumulative figures are volatile so statistics can be read from elsewhere.
 */
public final class ReceiveStatistics {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final int clockRate;
    private boolean started;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private volatile long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private double jitter;
    private volatile long lastSenderReportNtp;
    private long lastSenderReportNanos;

    public ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    public void received(int sequence, long rtpTimestamp, long arrivalNanos) {
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000; // in RTP clock units
        if (!started) {
            started = true;
            baseSequence = sequence;
            maxSequence = sequence;
            lastTransit = arrival - rtpTimestamp;
            received = 1;
            return;
        }
        int delta = (sequence - maxSequence) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (sequence < maxSequence) {
                cycles += 65536;
            }
            maxSequence = sequence;
        } else if (delta <= 65536 - MAX_MISORDER) {
            // a jump: the sender restarted its sequence; start over rather than count a huge loss
            baseSequence = sequence;
            maxSequence = sequence;
            cycles = 0;
            received = 0;
            expectedPrior = 0;
            receivedPrior = 0;
        } // else: a late or duplicate packet
        received++;
        long transit = arrival - rtpTimestamp;
        long d = Math.abs(transit - lastTransit);
        lastTransit = transit;
        jitter += (d - jitter) / 16.0;
    }

    public void senderReport(long ntpTimestamp, long arrivalNanos) {
        lastSenderReportNtp = ntpTimestamp;
        lastSenderReportNanos = arrivalNanos;
    }

    public boolean hasPackets() {
        return started;
    }

    public long received() {
        return received;
    }

    /** The extended sequence number of a packet just {@link #received} (or near the newest one). */
    public long extend(int sequence) {
        long highest = extendedHighestSequence();
        return highest + (short) (sequence - (int) (highest & 0xFFFF));
    }

    public long extendedHighestSequence() {
        return cycles + maxSequence;
    }

    public long expected() {
        return started ? extendedHighestSequence() - baseSequence + 1 : 0;
    }

    /** Packets lost since the stream began (never negative: duplicates don't make packets). */
    public long cumulativeLost() {
        return Math.max(0, expected() - received);
    }

    /** Writes a 24-byte report block (RFC 3550 §6.4.1) for {@code ssrc} and advances the interval. */
    public void writeReportBlock(int ssrc, byte[] out, int at, long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.min(cumulativeLost(), 0x7FFFFF);
        Bytes.putU32(out, at, ssrc);
        Bytes.putU32(out, at + 4, (Math.min(fraction, 255) << 24) | (int) lost);
        Bytes.putU32(out, at + 8, (int) extendedHighestSequence());
        Bytes.putU32(out, at + 12, (int) jitter);
        long lsr = lastSenderReportNtp;
        Bytes.putU32(out, at + 16, (int) (lsr >>> 16));
        long dlsr = lsr == 0 ? 0 : (nowNanos - lastSenderReportNanos) * 65536 / 1_000_000_000L;
        Bytes.putU32(out, at + 20, (int) dlsr);
    }
}
