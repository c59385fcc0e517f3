package org.consilium.videobridge.conference;

/**
 * Sends what the probe decision ({@link ReceiverBandwidth#paddingBps}) asks for, as RTX
 * repeats of the video packets most recently forwarded to this receiver, or, when there
 * are none recent enough (its video paused), as padding-only RTX packets ({@link PaddingProbe}): each carries a
 * fresh transport-wide number, so its arrival is reported like media, and the browser drops
 * the repeated payload as a duplicate (libwebrtc probes with RTX the same way). Nothing is
 * sent until the allocation says what it would like to forward ({@link #desire}), and
 * nothing for streams the receiver has no RTX for (a repeat on the stream itself would
 * reuse an SRTP index). Receive thread, except {@link #desire}.
 */
final class BandwidthProbing {

    /** Repeats something this recent: the publisher's cache holds it, and the receiver has not long dropped it. */
    private static final int REMEMBERED = 32;
    /** Credit carried between ticks is capped: a late tick must not turn into a burst. */
    private static final long MAX_CREDIT_NANOS = 20_000_000;
    /** The media rate is smoothed over about this long. */
    private static final double MEDIA_RATE_NANOS = 100_000_000;

    /** Resends a forwarded packet as RTX; returns its length, 0 if it can no longer be had. */
    @FunctionalInterface
    interface Repeater {
        int repeat(Endpoint publisher, MediaSource source, int receiverSequence, long nowNanos);
    }

    /** Sends one padding-only RTX packet; returns its length, 0 if the receiver has no RTX stream for it. */
    @FunctionalInterface
    interface Padder {
        int pad(long nowNanos);
    }

    private final ReceiverBandwidth bandwidth;
    private final Repeater repeater;
    private final Padder padder;
    private final Endpoint[] publishers = new Endpoint[REMEMBERED];
    private final MediaSource[] sources = new MediaSource[REMEMBERED];
    private final int[] sequences = new int[REMEMBERED];
    private int next;
    private int remembered;
    private volatile long desiredBps;
    // receive thread:
    private long lastTickNanos;
    private long lastBytesSent;
    private double mediaBps;
    private double creditBytes;
    private long probeBytes;
    /** How far back from the newest the last repeat was (1: the newest). */
    private int back;

    BandwidthProbing(ReceiverBandwidth bandwidth, Repeater repeater, Padder padder) {
        this.bandwidth = bandwidth;
        this.repeater = repeater;
        this.padder = padder;
    }

    /** What the allocation would forward to this receiver if the estimate allowed it (bit/s); any thread. */
    void desire(long bps) {
        desiredBps = bps;
    }

    /** A video packet went out to this receiver under its number {@code receiverSequence}, repeatable as RTX. */
    void forwarded(Endpoint publisher, MediaSource source, int receiverSequence) {
        publishers[next] = publisher;
        sources[next] = source;
        sequences[next] = receiverSequence;
        next = (next + 1) % REMEMBERED;
        remembered = Math.min(remembered + 1, REMEMBERED);
        back = 0; // the next probe starts from this one
    }

    /**
     * On the endpoint's tick: measures what went out since the last one (all of it, less
     * the probes), asks for the padding, and repeats packets, newest first, for it.
     *
     * @param bytesSent everything sent to this receiver so far
     * @return the probe bytes sent now
     */
    int tick(long nowNanos, long bytesSent) {
        long elapsed = nowNanos - lastTickNanos;
        long sentSince = bytesSent - lastBytesSent;
        boolean first = lastTickNanos == 0;
        lastTickNanos = nowNanos;
        lastBytesSent = bytesSent;
        if (first || elapsed <= 0) {
            return 0;
        }
        double weight = Math.min(1, elapsed / MEDIA_RATE_NANOS);
        double sentBps = Math.max(0, sentSince - probeBytes) * 8e9 / elapsed;
        mediaBps += weight * (sentBps - mediaBps);
        probeBytes = 0;
        long padding = bandwidth.paddingBps(desiredBps, (long) mediaBps, nowNanos);
        if (padding == 0) {
            creditBytes = 0;
            return 0;
        }
        creditBytes = Math.min(creditBytes + padding * Math.min(elapsed, MAX_CREDIT_NANOS) / 8e9,
                padding * MAX_CREDIT_NANOS / 8e9);
        int sent = 0;
        for (int tries = 0; creditBytes > 0 && remembered > 0 && tries < 2 * REMEMBERED; tries++) {
            back = back % remembered + 1; // newest first, then older ones, then round again
            int slot = Math.floorMod(next - back, REMEMBERED);
            int bytes = repeater.repeat(publishers[slot], sources[slot], sequences[slot], nowNanos);
            if (bytes == 0) {
                break; // too old to be had (video paused a while): pad instead
            }
            creditBytes -= bytes;
            sent += bytes;
        }
        for (int tries = 0; creditBytes > 0 && tries < 64; tries++) {
            int bytes = padder.pad(nowNanos);
            if (bytes == 0) {
                break;
            }
            creditBytes -= bytes;
            sent += bytes;
        }
        probeBytes = sent;
        return sent;
    }
}
