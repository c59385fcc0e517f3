package org.consilium.videobridge.conference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.consilium.videobridge.rtp.ForwardedSequence;
import org.consilium.videobridge.rtp.SentPackets;
import org.consilium.videobridge.rtp.SsrcMap;
import org.consilium.videobridge.sdp.FormatMapping;

/**
 * What one endpoint receives from the bridge: which sources are placed in its SDP (only
 * those are sent: a browser cannot route an SSRC it was not told about), how to rewrite
 * each publisher's packets for it, its own sequence numbers per stream (ForwardedSequence),
 * its own transport-wide and RTX sequence numbers, what
 * went out on streams it has no RTX for (so that a resend repeats it exactly), and the
 * round-trip time from its receiver reports.
 */
final class OutgoingStreams {

    private static final int REMEMBERED_REPORTS = 16;

    private volatile Map<String, MediaSource> placed = Map.of();
    private volatile SsrcMap<MediaSource> placedSsrcs;   // null: no SDP, every source is sent
    /** Replaced whole when anyone renegotiates, so a mapping built from old formats lands in a dead map. */
    private volatile Map<Endpoint, FormatMapping> mappings = new ConcurrentHashMap<>();
    // receive thread only:
    private final Map<Integer, Integer> rtxSequences = new HashMap<>();
    private int transportSequence;
    private SsrcMap<SentPackets> sent = SsrcMap.empty();
    private SsrcMap<ForwardedSequence> sequences = SsrcMap.empty();
    private final long[] reportedNtp = new long[REMEMBERED_REPORTS];
    private final long[] reportedAt = new long[REMEMBERED_REPORTS];
    private int nextReport;
    private volatile double roundTripMillis = Double.NaN;

    void place(Map<String, MediaSource> placement) {
        placed = Map.copyOf(placement);
        placedSsrcs = SsrcMap.of(List.copyOf(placement.values()), MediaSource::ssrc);
    }

    Map<String, MediaSource> placed() {
        return placed;
    }

    boolean receives(int ssrc) {
        SsrcMap<MediaSource> ssrcs = placedSsrcs;
        return ssrcs == null || ssrcs.containsKey(ssrc);
    }

    /**
     * The rewrite from {@code publisher} to {@code receiver}. The map is read before the
     * formats: a renegotiation sets formats first and replaces the map after, so a fresh
     * map is never filled from old formats.
     */
    FormatMapping mapping(Endpoint publisher, Endpoint receiver) {
        Map<Endpoint, FormatMapping> current = mappings;
        FormatMapping mapping = current.get(publisher); // per forwarded copy: no capturing lambda
        if (mapping == null) {
            mapping = receiver.formats().mappingFrom(publisher.formats());
            current.put(publisher, mapping);
        }
        return mapping;
    }

    /** Someone renegotiated: mappings are rebuilt on next use. */
    void forgetMappings() {
        mappings = new ConcurrentHashMap<>();
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

    /**
     * This receiver's numbering of the stream {@code ssrc}, made on the stream's first packet
     * to it and kept for the receiver's life (a few longs): the SRTP context of the SSRC lives
     * as long, so a stream unplaced and placed again, or an SSRC declared again, goes on
     * from the numbers it had.
     */
    ForwardedSequence sequenceFor(int ssrc) {
        ForwardedSequence numbering = sequences.get(ssrc);
        if (numbering == null) {
            numbering = new ForwardedSequence();
            sequences = sequences.with(ssrc, numbering);
        }
        return numbering;
    }

    /** This receiver's numbering of the stream {@code ssrc}; null if nothing of it was sent here. */
    ForwardedSequence sequenceOf(int ssrc) {
        return sequences.get(ssrc);
    }

    /** What went out on {@code ssrc} to this receiver without RTX to repair it; null if nothing did. */
    SentPackets sentOn(int ssrc) {
        return sent.get(ssrc);
    }

    /**
     * Where to remember what goes out on {@code ssrc}, made on the stream's first packet.
     * Making one (rare) also lets go of those of sources no longer placed, so a long
     * consult with people coming and going does not pile them up.
     */
    SentPackets rememberSentOn(int ssrc) {
        SentPackets packets = sent.get(ssrc);
        if (packets == null) {
            packets = new SentPackets();
            sent = sent.retaining(this::receives).with(ssrc, packets);
        }
        return packets;
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
