package org.consilium.videobridge.conference;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.sdp.FormatMapping;

/**
 * What one endpoint receives from the bridge: which sources are placed in its SDP (only
 * those are sent: a browser cannot route an SSRC it was not told about), how to rewrite
 * each publisher's packets for it, its own transport-wide and RTX sequence numbers, and
 * the round-trip time from its receiver reports.
 */
final class OutgoingStreams {

    private static final int REMEMBERED_REPORTS = 16;

    private volatile Map<String, MediaSource> placed = Map.of();
    private volatile Set<Integer> placedSsrcs;   // null: no SDP, every source is sent
    private final Map<Endpoint, FormatMapping> mappings = new ConcurrentHashMap<>();
    // receive thread only:
    private final Map<Integer, Integer> rtxSequences = new HashMap<>();
    private int transportSequence;
    private final long[] reportedNtp = new long[REMEMBERED_REPORTS];
    private final long[] reportedAt = new long[REMEMBERED_REPORTS];
    private int nextReport;
    private volatile double roundTripMillis = Double.NaN;

    void place(Map<String, MediaSource> placement) {
        placed = Map.copyOf(placement);
        placedSsrcs = placement.values().stream().map(MediaSource::ssrc).collect(Collectors.toUnmodifiableSet());
    }

    Map<String, MediaSource> placed() {
        return placed;
    }

    boolean receives(int ssrc) {
        Set<Integer> ssrcs = placedSsrcs;
        return ssrcs == null || ssrcs.contains(ssrc);
    }

    FormatMapping mapping(Endpoint publisher, EndpointFormats receiverFormats) {
        return mappings.computeIfAbsent(publisher, p -> receiverFormats.mappingFrom(p.formats()));
    }

    /** Someone renegotiated: mappings are rebuilt on next use. */
    void forgetMappings() {
        mappings.clear();
    }

    int nextTransportSequence() {
        int next = transportSequence;
        transportSequence = (transportSequence + 1) & 0xFFFF;
        return next;
    }

    int nextRtxSequence(int rtxSsrc) {
        int next = rtxSequences.getOrDefault(rtxSsrc, 0);
        rtxSequences.put(rtxSsrc, (next + 1) & 0xFFFF);
        return next;
    }

    /** Remembers when a sender report went out, so the receiver's LSR/DLSR give the round trip. */
    void senderReportSent(long ntpTimestamp, long nowNanos) {
        reportedNtp[nextReport] = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        reportedAt[nextReport] = nowNanos;
        nextReport = (nextReport + 1) % REMEMBERED_REPORTS;
    }

    /** A report block from this receiver: RTT = now - when we sent the SR it echoes - its delay (RFC 3550 §6.4.1). */
    void reportBlock(long lastSenderReport, long delaySinceLastSenderReport, long nowNanos) {
        if (lastSenderReport == 0) {
            return;
        }
        for (int i = 0; i < REMEMBERED_REPORTS; i++) {
            if (reportedNtp[i] == lastSenderReport && reportedAt[i] != 0) {
                double rtt = (nowNanos - reportedAt[i]) / 1e6 - delaySinceLastSenderReport * 1000.0 / 65536;
                if (rtt >= 0) {
                    double previous = roundTripMillis;
                    roundTripMillis = Double.isNaN(previous) ? rtt : 0.875 * previous + 0.125 * rtt;
                }
                return;
            }
        }
    }

    double roundTripMillis() {
        return roundTripMillis;
    }
}
