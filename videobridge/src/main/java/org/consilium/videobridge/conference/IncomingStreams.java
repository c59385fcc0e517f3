package org.consilium.videobridge.conference;

import java.util.Collection;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.PacketCache;
import org.consilium.videobridge.rtp.ReceiveStatistics;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.rtp.SsrcMap;
import org.consilium.videobridge.rtp.TransportCcFeedback;

/**
 * What one endpoint publishes, seen from the bridge: its declared sources, reception
 * statistics per stream (for our receiver reports and the endpoint's loss figures), a
 * packet cache per video stream (for NACKs), and transport-cc arrival times. Sources are
 * replaced by the control thread; everything else is touched by the receive thread only.
 */
final class IncomingStreams {

    /** How an RTP packet's SSRC relates to the declared sources. */
    enum Role { MEDIA, REPAIR, UNDECLARED }

    /** One declared media stream and what we know of its reception. */
    static final class Stream {
        final MediaSource source;
        final ReceiveStatistics statistics;
        final PacketCache cache;

        Stream(MediaSource source) {
            this.source = source;
            this.statistics = new ReceiveStatistics(source.kind() == MediaSource.Kind.AUDIO ? 48_000 : 90_000);
            this.cache = source.kind() == MediaSource.Kind.VIDEO ? new PacketCache() : null;
        }
    }

    // Read per packet (no boxing, no lock); replaced whole on change (SsrcMap's thread rule).
    private volatile SsrcMap<Stream> streams = SsrcMap.empty();
    private volatile SsrcMap<MediaSource> bySsrc = SsrcMap.empty();
    private volatile SsrcMap<MediaSource> byRepairSsrc = SsrcMap.empty();
    private volatile List<MediaSource> declared = List.of();
    private final TransportCcFeedback transportCc = new TransportCcFeedback();

    /** Replaces the declared sources; statistics of streams that stay are kept. */
    synchronized void declare(Collection<MediaSource> sources) {
        declared = List.copyOf(sources);
        SsrcMap<MediaSource> media = SsrcMap.of(declared, MediaSource::ssrc);
        bySsrc = media;
        byRepairSsrc = SsrcMap.of(sources.stream().filter(s -> s.rtxSsrc() != null).toList(), MediaSource::rtxSsrc);
        streams = streams.retaining(media::containsKey);
    }

    Collection<MediaSource> sources() {
        return declared;
    }

    boolean declares(int ssrc) {
        return bySsrc.containsKey(ssrc);
    }

    Role role(int ssrc) {
        if (bySsrc.containsKey(ssrc)) {
            return Role.MEDIA;
        }
        return byRepairSsrc.containsKey(ssrc) ? Role.REPAIR : Role.UNDECLARED;
    }

    /** Accounts for a decrypted packet of a declared stream (media or repair). */
    Stream received(MediaPacket packet, Role role, int transportCcId, long nowNanos) {
        int transportSequence = RtpRewriter.transportSequence(packet, transportCcId);
        if (transportSequence >= 0) {
            transportCc.received(transportSequence, nowNanos / 1000);
        }
        if (role != Role.MEDIA) {
            return null;
        }
        MediaSource source = bySsrc.get(Rtp.ssrc(packet));
        if (source == null) {
            return null;
        }
        Stream stream = streams.get(source.ssrc());
        if (stream == null) {
            stream = newStream(source);
        }
        stream.statistics.received(Rtp.sequenceNumber(packet), Rtp.timestamp(packet), nowNanos);
        return stream;
    }

    /** The first packet of a declared source: its statistics start (rare, so copying is fine). */
    private synchronized Stream newStream(MediaSource source) {
        Stream stream = streams.get(source.ssrc());
        if (stream == null && bySsrc.get(source.ssrc()) == source) {
            stream = new Stream(source);
            streams = streams.with(source.ssrc(), stream);
        }
        return stream != null ? stream : new Stream(source); // undeclared meanwhile: count nothing lasting
    }

    Stream stream(int ssrc) {
        return streams.get(ssrc);
    }

    /** A transport-cc feedback packet if packets arrived since the last one, else null. */
    byte[] transportFeedback(int bridgeSsrc) {
        int[] mediaSsrc = {0};
        streams.forEach((ssrc, stream) -> mediaSsrc[0] = ssrc);
        return transportCc.write(bridgeSsrc, mediaSsrc[0]);
    }

    /** A receiver report with a block per stream that has packets, or null when none has. */
    byte[] receiverReport(int bridgeSsrc, long nowNanos) {
        var reporting = streams.values().stream().filter(s -> s.statistics.hasPackets())
                .limit(RtcpReports.MAX_BLOCKS).toList();
        if (reporting.isEmpty()) {
            return null;
        }
        byte[] report = RtcpReports.receiverReport(bridgeSsrc, reporting.size());
        for (int i = 0; i < reporting.size(); i++) {
            Stream stream = reporting.get(i);
            stream.statistics.writeReportBlock(stream.source.ssrc(), report, 8 + RtcpReports.REPORT_BLOCK * i, nowNanos);
        }
        return report;
    }

    long packetsLost() {
        return streams.values().stream().mapToLong(s -> s.statistics.cumulativeLost()).sum();
    }

    long packetsExpected() {
        return streams.values().stream().mapToLong(s -> s.statistics.expected()).sum();
    }
}
