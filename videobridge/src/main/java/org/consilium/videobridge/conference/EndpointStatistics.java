package org.consilium.videobridge.conference;

import java.util.Map;

/**
 * An endpoint's figures at one moment: what it sent us, what we sent it, what we dropped,
 * packets it sent that never arrived (loss on its uplink), the round-trip time measured
 * from its receiver reports (NaN until known), the retransmissions we answered, and the
 * bandwidth estimated for what we send it (from its transport-cc feedback; the start value
 * until that comes).
 */
public record EndpointStatistics(String endpointId, boolean connected, long packetsReceived, long bytesReceived,
                                 long packetsSent, long bytesSent, Map<EndpointDropReason, Long> drops,
                                 long packetsLost, long packetsExpected, double roundTripMillis,
                                 long nacksReceived, long retransmissionsSent, long keyframeRequestsSent,
                                 long bandwidthEstimateBps) {

    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Fraction of the endpoint's packets lost before reaching the bridge. */
    public double lossRatio() {
        return packetsExpected == 0 ? 0 : (double) packetsLost / packetsExpected;
    }
}
