package org.consilium.videobridge.conference;

import java.util.Map;

/** An endpoint's figures at one moment: what it sent us, what we sent it, and what we dropped. */
public record EndpointStatistics(String endpointId, boolean connected, long packetsReceived, long bytesReceived,
                                 long packetsSent, long bytesSent, Map<EndpointDropReason, Long> drops) {

    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
