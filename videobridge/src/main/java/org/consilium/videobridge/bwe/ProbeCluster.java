package org.consilium.videobridge.bwe;

/**
 * One probe: for {@link #DURATION_MS} the bridge sends at a target rate above the estimate
 * (padding or repeats added to the media), and whatever went out in that window is this
 * cluster's. When the receiver's feedback covers it, the rate it arrived at, no more than
 * the rate it was sent at, is what the path carried (libwebrtc goog_cc
 * probe_bitrate_estimator: a bottleneck spaces the packets by its capacity).
 */
final class ProbeCluster {

    static final double DURATION_MS = 60;
    /** Fewer packets than this arrived: the rate is noise. */
    static final int MIN_PACKETS = 5;
    /** Arrived spread over less than this: too short to time with 250-microsecond deltas. */
    private static final double MIN_ARRIVAL_SPAN_MS = 5;

    private double startMs = Double.NaN;
    private double targetBps;
    private int packets;
    private double firstSendMs;
    private double lastSendMs;
    private double firstArrivalMs;
    private double lastArrivalMs;
    private long bytes;
    private int firstSize;
    private int lastSize;
    private boolean evaluated = true;

    void start(double nowMs, double target) {
        startMs = nowMs;
        targetBps = target;
        packets = 0;
        bytes = 0;
        evaluated = false;
    }

    boolean isSending(double nowMs) {
        return !evaluated && nowMs >= startMs && nowMs < startMs + DURATION_MS;
    }

    boolean isOpen() {
        return !evaluated;
    }

    double targetBps() {
        return targetBps;
    }

    boolean contains(double sendMs) {
        return !evaluated && sendMs >= startMs && sendMs < startMs + DURATION_MS;
    }

    void received(double sendMs, double arrivalMs, int size) {
        if (packets == 0) {
            firstSendMs = sendMs;
            lastSendMs = sendMs;
            firstArrivalMs = arrivalMs;
            lastArrivalMs = arrivalMs;
            firstSize = size;
            lastSize = size;
        } else {
            if (sendMs < firstSendMs) {
                firstSendMs = sendMs;
            }
            if (sendMs >= lastSendMs) {
                lastSendMs = sendMs;
                lastSize = size;
            }
            if (arrivalMs < firstArrivalMs) {
                firstArrivalMs = arrivalMs;
                firstSize = size;
            }
            lastArrivalMs = Math.max(lastArrivalMs, arrivalMs);
        }
        packets++;
        bytes += size;
    }

    /** A cluster nobody reported in time (the receiver stopped answering, nothing was sent after it) is given up. */
    void expire(double nowMs) {
        if (!evaluated && nowMs > startMs + DURATION_MS + 2_000) {
            evaluated = true;
        }
    }

    /**
     * Once feedback names packets sent after the cluster (so all of it has been reported):
     * the rate it showed, or NaN if it showed nothing usable; the cluster is closed then.
     */
    double evaluateIfComplete(double latestReportedSendMs) {
        if (evaluated || latestReportedSendMs < startMs + DURATION_MS) {
            return Double.NaN;
        }
        evaluated = true;
        double arrivalSpan = lastArrivalMs - firstArrivalMs;
        double sendSpan = lastSendMs - firstSendMs;
        if (packets < MIN_PACKETS || arrivalSpan < MIN_ARRIVAL_SPAN_MS || sendSpan <= 0) {
            return Double.NaN;
        }
        // the first arrival opens the receive interval, the last send closes the send interval
        double receivedBps = (bytes - firstSize) * 8 * 1000 / arrivalSpan;
        double sentBps = (bytes - lastSize) * 8 * 1000 / sendSpan;
        return Math.min(receivedBps, sentBps);
    }
}
