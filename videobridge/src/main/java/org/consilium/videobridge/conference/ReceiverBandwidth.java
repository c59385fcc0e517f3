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

    private final BandwidthEstimator estimator = new BandwidthEstimator();
    private final EndpointDrops drops;

    ReceiverBandwidth(EndpointDrops drops) {
        this.drops = drops;
    }

    /** A packet went out to the receiver ({@code bytes} as sent, SRTP); {@code transportSequence} -1 if it has none. */
    void sent(int transportSequence, int bytes, long nowNanos) {
        estimator.sent(transportSequence, bytes, nowNanos);
    }

    /** An RTPFB FMT 15 packet from the receiver, {@code length} bytes at {@code at} of its RTCP compound. */
    void feedback(MediaPacket packet, int at, int length, long nowNanos) {
        if (estimator.feedback(packet, at, length, nowNanos) != TransportCcReader.Outcome.OK) {
            drops.add(EndpointDropReason.MALFORMED_TRANSPORT_CC);
        }
    }

    long estimateBps() {
        return estimator.estimateBps();
    }

    /** The probe decision: see {@link BandwidthEstimator#paddingBps}. Receive thread. */
    long paddingBps(long desiredBps, long mediaBps, long nowNanos) {
        return estimator.paddingBps(desiredBps, mediaBps, nowNanos);
    }
}
