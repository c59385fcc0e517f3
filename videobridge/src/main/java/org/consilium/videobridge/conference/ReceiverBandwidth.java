package org.consilium.videobridge.conference;

import org.consilium.videobridge.bwe.BandwidthEstimator;
import org.consilium.videobridge.bwe.TransportCcReader;
import org.consilium.videobridge.packet.MediaPacket;

/**
 * How much one receiver's path carries: every packet the bridge sends it under a
 * transport-wide number is recorded, and its transport-cc feedback feeds the
 * {@link BandwidthEstimator}; feedback that is not well formed is dropped and counted
 * ({@code MALFORMED_TRANSPORT_CC}). Recording and feedback on the receive thread; the
 * estimate from any thread.
 */
final class ReceiverBandwidth {

    /**
     * What the allocation may use before the estimate has ever gone down: the estimator
     * starts low (300 kbit/s, libwebrtc's start rate, right for an encoder that builds up),
     * but the bridge forwards streams that already flow, and pausing a clinician's screen
     * share or a single-stream camera for the seconds the estimate takes to climb would be
     * worse than sending it and backing off on the first sign of a queue or loss (Jitsi
     * Videobridge starts its allocation at 2.5 Mbit/s for the same reason).
     */
    static final long UNPROVEN_BUDGET_BPS = 2_500_000;

    private final BandwidthEstimator estimator = new BandwidthEstimator();
    private final EndpointDrops drops;
    // receive thread writes, any thread reads:
    private volatile boolean feedbackSeen;
    private volatile boolean wentDown;
    private long lastEstimate = BandwidthEstimator.START_BPS;
    /**
     * Feedback after a silence this long follows an outage (a link that went down, a Wi-Fi
     * roam): it reports everything sent meanwhile as lost, which says nothing about the
     * path's capacity now, so it is not taken as congestion (for {@link #OUTAGE_REPORT_NANOS}).
     */
    static final long OUTAGE_NANOS = 1_000_000_000L;
    static final long OUTAGE_REPORT_NANOS = 1_000_000_000L;
    private long lastFeedbackNanos;
    private long ignoreUntilNanos;

    /** Told (receive thread) whenever the estimate went down: the allocation may no longer fit. */
    private final Runnable estimateFell;

    ReceiverBandwidth(EndpointDrops drops, Runnable estimateFell) {
        this.drops = drops;
        this.estimateFell = estimateFell;
    }

    /** A packet went out to the receiver ({@code bytes} as sent, SRTP); {@code transportSequence} -1 if it has none. */
    void sent(int transportSequence, int bytes, long nowNanos) {
        estimator.sent(transportSequence, bytes, nowNanos);
    }

    /** An RTPFB FMT 15 packet from the receiver, {@code length} bytes at {@code at} of its RTCP compound. */
    void feedback(MediaPacket packet, int at, int length, long nowNanos) {
        if (lastFeedbackNanos != 0 && nowNanos - lastFeedbackNanos > OUTAGE_NANOS) {
            ignoreUntilNanos = nowNanos + OUTAGE_REPORT_NANOS;
        }
        lastFeedbackNanos = nowNanos;
        if (nowNanos - ignoreUntilNanos < 0) {
            return;
        }
        if (estimator.feedback(packet, at, length, nowNanos) != TransportCcReader.Outcome.OK) {
            drops.add(EndpointDropReason.MALFORMED_TRANSPORT_CC);
            return;
        }
        feedbackSeen = true;
        long estimate = estimator.estimateBps();
        boolean fell = estimate < lastEstimate;
        if (fell) {
            wentDown = true;
        }
        lastEstimate = estimate;
        if (fell) {
            estimateFell.run();
        }
    }

    /**
     * What the allocation may fill: the estimate once it has gone down (the path showed a
     * queue or loss); until then at least {@link #UNPROVEN_BUDGET_BPS}; no limit for a
     * receiver that sends no transport-cc feedback (nothing to estimate from: a browser
     * without it, or a synthetic endpoint).
     *
     * @param sendsFeedback whether the receiver negotiated transport-cc
     */
    long budgetBps(boolean sendsFeedback) {
        if (!sendsFeedback && !feedbackSeen) {
            return Long.MAX_VALUE;
        }
        long estimate = estimator.estimateBps();
        return wentDown ? estimate : Math.max(estimate, UNPROVEN_BUDGET_BPS);
    }

    /** Whether the receiver has sent transport-cc feedback (a browser does, all the time, while it gets media). */
    boolean feedbackSeen() {
        return feedbackSeen;
    }

    long estimateBps() {
        return estimator.estimateBps();
    }

    /** The probe decision: see {@link BandwidthEstimator#paddingBps}. Receive thread. */
    long paddingBps(long desiredBps, long mediaBps, long nowNanos) {
        return estimator.paddingBps(desiredBps, mediaBps, nowNanos);
    }
}
