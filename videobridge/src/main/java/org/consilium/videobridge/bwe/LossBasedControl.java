package org.consilium.videobridge.bwe;

/**
 * The loss-based rate (draft-ietf-rmcat-gcc-02 §6; libwebrtc send_side_bandwidth_estimation):
 * once at least {@link #MIN_PACKETS} packets over at least {@link #MIN_BATCH_MS} have been
 * reported, their loss fraction p decides: under 2 % the rate grows by 8 % a second, over 10 % it falls to (1 - p/2) of
 * itself at most once per 300 ms + RTT, in between it holds. It is never above the
 * delay-based rate (the caller caps it): loss alone never raises the estimate.
 */
final class LossBasedControl {

    static final int MIN_PACKETS = 20;
    /**
     * libwebrtc judges every 20 packets; at 5 % random loss (a poor Wi-Fi) 20 packets show
     * over 10 % often enough to walk the rate down. Half a second of packets keeps a
     * steady 5 % a hold, and a burst still shows within a second.
     */
    static final double MIN_BATCH_MS = 500;
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    private static final double INCREASE_PER_SECOND = 1.08;
    private static final double DECREASE_INTERVAL_MS = 300;

    private final long minBps;
    private double bitrate;
    private int lost;
    private int expected;
    private double lastLossFraction;
    private double lastIncreaseMs = Double.NaN;
    private double batchStartMs = Double.NaN;
    private double lastDecreaseMs = Double.NEGATIVE_INFINITY;

    LossBasedControl(long startBps, long minBps) {
        this.bitrate = startBps;
        this.minBps = minBps;
    }

    void reported(int lostPackets, int receivedPackets) {
        lost += lostPackets;
        expected += lostPackets + receivedPackets;
    }

    /** The loss fraction of the last complete batch of reports. */
    double lossFraction() {
        return lastLossFraction;
    }

    /** A probe showed the path carries this much (libwebrtc's SetSendBitrate after a probe). */
    void raiseTo(double probedBps) {
        bitrate = Math.max(bitrate, probedBps);
    }

    double update(double nowMs, double rttMs, double delayBasedBps) {
        if (Double.isNaN(batchStartMs)) {
            batchStartMs = nowMs;
        }
        if (expected >= MIN_PACKETS && nowMs - batchStartMs >= MIN_BATCH_MS) {
            batchStartMs = nowMs;
            lastLossFraction = (double) lost / expected;
            lost = 0;
            expected = 0;
            if (lastLossFraction < LOW_LOSS) {
                double elapsed = Double.isNaN(lastIncreaseMs) ? 0 : Math.min(1000, nowMs - lastIncreaseMs);
                bitrate = bitrate * Math.pow(INCREASE_PER_SECOND, Math.max(0, elapsed) / 1000) + elapsed;
            } else if (lastLossFraction > HIGH_LOSS && nowMs - lastDecreaseMs >= DECREASE_INTERVAL_MS + rttMs) {
                bitrate *= 1 - 0.5 * lastLossFraction;
                lastDecreaseMs = nowMs;
            }
            lastIncreaseMs = nowMs;
        }
        bitrate = Math.max(minBps, Math.min(bitrate, delayBasedBps));
        return bitrate;
    }
}
