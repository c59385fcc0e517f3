package org.consilium.recording.timing;

/**
 * Maps one track's extended RTP timestamps to the bridge's clock (nanoseconds). Until a
 * sender report: the first packet's arrival plus the RTP time since it. After one: the
 * report's NTP time plus the RTP time since its timestamp, plus the sender's offset, which
 * the first report of the participant fixes so that its own track does not move. A timestamp
 * that lands far from when its packet arrived (a publisher that restarted with new numbers)
 * anchors the track afresh on that arrival.
 */
public final class TrackClock {

    /** Farther than this from its arrival, a timestamp belongs to another timeline. */
    static final long JUMP_NANOS = 5_000_000_000L;

    private final int clockRate;
    private final SenderClock sender;

    private boolean anchored;
    private long anchorTimestamp;
    private long anchorNanos;
    private boolean reported;
    private long reportTimestamp;
    private long reportNtpNanos;
    private long jumps;

    public TrackClock(int clockRate, SenderClock sender) {
        this.clockRate = clockRate;
        this.sender = sender;
    }

    /** Where the frame of this timestamp, whose first packet arrived then, goes on the bridge's clock. */
    public long localNanos(long timestamp, long arrivalNanos) {
        if (!anchored) {
            anchor(timestamp, arrivalNanos);
        }
        long mapped = map(timestamp);
        if (Math.abs(mapped - arrivalNanos) > JUMP_NANOS) {
            jumps++;
            reported = false;
            anchor(timestamp, arrivalNanos);
            mapped = arrivalNanos;
        }
        return mapped;
    }

    /** A sender report: the sender's NTP time (RFC 3550 64-bit) of an extended RTP timestamp. */
    public void senderReport(long timestamp, long ntp, long arrivalNanos) {
        long ntpNanos = SenderClock.ntpToNanos(ntp);
        if (!sender.known()) {
            // the first report keeps its own track where it was (or at the report's arrival)
            long here = anchored ? map(timestamp) : arrivalNanos;
            sender.fix(here - ntpNanos);
        }
        reported = true;
        reportTimestamp = timestamp;
        reportNtpNanos = ntpNanos;
    }

    /** A new stream (another SSRC): its timestamps start elsewhere; the sender's offset stays. */
    public void reset() {
        anchored = false;
        reported = false;
    }

    public long jumps() {
        return jumps;
    }

    private void anchor(long timestamp, long arrivalNanos) {
        anchored = true;
        anchorTimestamp = timestamp;
        anchorNanos = arrivalNanos;
    }

    private long map(long timestamp) {
        if (reported && sender.known()) {
            return reportNtpNanos + ticksToNanos(timestamp - reportTimestamp) + sender.offsetNanos();
        }
        return anchorNanos + ticksToNanos(timestamp - anchorTimestamp);
    }

    private long ticksToNanos(long ticks) {
        return Math.floorDiv(ticks * 1_000_000_000L, clockRate);
    }
}
