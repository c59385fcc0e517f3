package org.consilium.videobridge.bwe;

/**
 * The delay-based rate (draft-ietf-rmcat-gcc-02 §5.5; libwebrtc aimd_rate_control): on
 * over-use the rate drops to {@link #BETA} times what the receiver acknowledged getting;
 * while the path is normal it grows, by 8 % a second while the link's capacity is unknown
 * (multiplicative) and by about one packet per response time near the rate where it last
 * had to back off (additive); under-use holds it while queues drain. It never runs further
 * than 1.5 times the acknowledged rate ahead: an estimate nothing has tested is a guess.
 */
final class AimdRateControl {

    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    private static final double MIN_ADDITIVE_BPS_PER_SECOND = 4_000;
    private static final double PACKET_BITS = 8 * 1200;
    private static final double FRAMES_PER_SECOND = 30;

    private enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private double bitrate;
    private State state = State.HOLD;
    private boolean nearMax;
    private double lastChangeMs = Double.NaN;
    /** Average (and normalised variance) of the acknowledged rate at past back-offs, kbit/s; -1 unknown. */
    private double avgMaxKbps = -1;
    private double varMaxKbps = 0.4;

    AimdRateControl(long startBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.bitrate = startBps;
    }

    double bitrate() {
        return bitrate;
    }

    /** A probe showed the path carries {@code probedBps}: take it (libwebrtc's SetEstimate after a probe). */
    double raiseTo(double probedBps, double nowMs) {
        bitrate = Math.max(bitrate, Math.min(maxBps, probedBps));
        lastChangeMs = nowMs;
        return bitrate;
    }

    /**
     * @param ackedBps the acknowledged rate, NaN while unknown
     * @param rttMs the round-trip time: how soon a decrease shows, and the additive step's response time
     */
    double update(BandwidthUsage usage, double ackedBps, double nowMs, double rttMs) {
        switch (usage) {
            case NORMAL -> {
                if (state == State.HOLD) {
                    lastChangeMs = nowMs;
                    state = State.INCREASE;
                }
            }
            case OVERUSING -> {
                if (!timeToReduceFurther(nowMs, ackedBps, rttMs)) {
                    return bitrate; // the last decrease has not shown yet: neither more nor less
                }
                state = State.DECREASE;
            }
            case UNDERUSING -> state = State.HOLD;
        }
        double incoming = Double.isNaN(ackedBps) ? bitrate : ackedBps;
        double next = bitrate;
        switch (state) {
            case HOLD -> { }
            case INCREASE -> {
                double incomingKbps = incoming / 1000;
                if (avgMaxKbps >= 0 && incomingKbps > avgMaxKbps + 3 * maxStdDevKbps()) {
                    nearMax = false; // well above where we backed off before: the capacity grew
                    avgMaxKbps = -1;
                }
                double elapsedMs = Double.isNaN(lastChangeMs) ? 0 : Math.max(0, nowMs - lastChangeMs);
                next += nearMax ? additiveIncrease(elapsedMs, rttMs) : multiplicativeIncrease(elapsedMs);
                lastChangeMs = nowMs;
            }
            case DECREASE -> {
                next = BETA * incoming;
                if (next > bitrate) {
                    if (nearMax && avgMaxKbps >= 0) {
                        next = BETA * avgMaxKbps * 1000;
                    }
                    next = Math.min(next, bitrate);
                }
                nearMax = true;
                if (avgMaxKbps >= 0 && incoming / 1000 < avgMaxKbps - 3 * maxStdDevKbps()) {
                    avgMaxKbps = -1; // far below the old capacity: it fell
                }
                updateMax(incoming / 1000);
                state = State.HOLD; // until the queues have drained
                lastChangeMs = nowMs;
            }
        }
        bitrate = clamp(next, incoming);
        return bitrate;
    }

    /** A decrease waits an RTT (10..200 ms) after the last change, unless the receiver gets less than half the rate. */
    private boolean timeToReduceFurther(double nowMs, double ackedBps, double rttMs) {
        double interval = Math.max(10, Math.min(rttMs, 200));
        return Double.isNaN(lastChangeMs) || nowMs - lastChangeMs >= interval
                || (!Double.isNaN(ackedBps) && ackedBps < 0.5 * bitrate);
    }

    private double multiplicativeIncrease(double elapsedMs) {
        double factor = Math.pow(MULTIPLICATIVE_PER_SECOND, Math.min(elapsedMs, 1000) / 1000);
        return Math.max(bitrate * (factor - 1), 1000 * Math.min(elapsedMs, 1000) / 1000);
    }

    /** About one average packet per response time (RTT + 100 ms for the detector), at least 4 kbit/s per second. */
    private double additiveIncrease(double elapsedMs, double rttMs) {
        double bitsPerFrame = bitrate / FRAMES_PER_SECOND;
        double packetsPerFrame = Math.ceil(bitsPerFrame / PACKET_BITS);
        double packetBits = bitsPerFrame / packetsPerFrame;
        double responseMs = rttMs + 100;
        double perSecond = Math.max(MIN_ADDITIVE_BPS_PER_SECOND, packetBits * 1000 / responseMs);
        return perSecond * elapsedMs / 1000;
    }

    private double maxStdDevKbps() {
        return Math.sqrt(varMaxKbps * Math.max(avgMaxKbps, 1));
    }

    private void updateMax(double incomingKbps) {
        double alpha = 0.05;
        avgMaxKbps = avgMaxKbps < 0 ? incomingKbps : (1 - alpha) * avgMaxKbps + alpha * incomingKbps;
        double norm = Math.max(avgMaxKbps, 1);
        double deviation = avgMaxKbps - incomingKbps;
        varMaxKbps = (1 - alpha) * varMaxKbps + alpha * deviation * deviation / norm;
        varMaxKbps = Math.max(0.4, Math.min(2.5, varMaxKbps));
    }

    private double clamp(double next, double incoming) {
        double tested = 1.5 * incoming + 10_000;
        if (next > bitrate && next > tested) {
            next = Math.max(bitrate, tested);
        }
        return Math.max(minBps, Math.min(maxBps, next));
    }
}
