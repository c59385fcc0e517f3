package org.consilium.videobridge.conference;

import java.util.concurrent.TimeUnit;

/**
 * An endpoint's timed work, on the receive thread's tick (every 10 ms or so): transport-cc
 * feedback to the publisher every 50 ms, keyframe requests held back by their window, the
 * receiver's allocation (and the conference's dynacast) every 100 ms or at once when its
 * constraints changed, bandwidth probes, receiver reports every second. Apart from the
 * packet stages because it runs on time, not on a packet; receive thread only.
 */
final class EndpointTimers {

    private static final long FEEDBACK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LAYER_CHOICE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Conference conference;
    private final IncomingStreams incoming;
    private final ReceiverAllocation allocation;
    private final KeyframeRequests keyframes;
    private final BandwidthProbing probing;
    private final EndpointSender sender;
    private final int bridgeSsrc;
    private long lastFeedbackNanos;
    private long lastReportNanos;
    private long lastLayerChoiceNanos;

    EndpointTimers(Conference conference, IncomingStreams incoming, ReceiverAllocation allocation,
                   KeyframeRequests keyframes, BandwidthProbing probing, EndpointSender sender, int bridgeSsrc) {
        this.conference = conference;
        this.incoming = incoming;
        this.allocation = allocation;
        this.keyframes = keyframes;
        this.probing = probing;
        this.sender = sender;
        this.bridgeSsrc = bridgeSsrc;
    }

    /** Does what is due at {@code now} (an endpoint with SRTP keys only). */
    void tick(long now) {
        if (now - lastFeedbackNanos >= FEEDBACK_INTERVAL_NANOS) {
            lastFeedbackNanos = now;
            byte[] feedback = incoming.transportFeedback(bridgeSsrc);
            if (feedback != null) {
                sender.sendRtcp(feedback);
            }
        }
        keyframes.tick(now);
        // a page that changed what it shows is answered on the next tick, not within 100 ms
        if (now - lastLayerChoiceNanos >= LAYER_CHOICE_INTERVAL_NANOS || allocation.takeUrgent()) {
            lastLayerChoiceNanos = now;
            allocation.allocate(now);
            conference.allocation().dynacast(now);
        }
        probing.tick(now, sender.bytesSent());
        if (now - lastReportNanos >= REPORT_INTERVAL_NANOS) {
            lastReportNanos = now;
            byte[] report = incoming.receiverReport(bridgeSsrc, now);
            if (report != null) {
                sender.sendRtcp(report);
            }
        }
    }
}
