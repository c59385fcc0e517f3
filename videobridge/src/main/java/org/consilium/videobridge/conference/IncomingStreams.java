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
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.simulcast.LayerMeter;

/**
 * What one endpoint publishes, seen from the bridge: its declared sources, reception
 * statistics per stream (for our receiver reports and the endpoint's loss figures), a
 * packet cache per video stream (for NACKs), and transport-cc arrival times. A simulcast
 * source's layers are streams too, learnt from their first packets ({@link SimulcastLayers}).
 * Sources are replaced by the control thread; everything else is touched by the receive
 * thread only.
 */
final class IncomingStreams {

    /** How an RTP packet's SSRC relates to the declared sources. */
    enum Role { MEDIA, REPAIR, UNDECLARED }

    /** A simulcast source's layer, as a relay to another bridge carries it (under its relay SSRC). */
    record RelayedLayer(MediaSource source, int layer) {
    }

    /** Not a simulcast layer: a source's one stream. */
    static final int SINGLE = -1;

    /** One received media stream (a source, or one layer of a simulcast source) and what we know of it. */
    static final class Stream {
        final MediaSource source;
        final int ssrc;
        /** The layer index, lowest 0; {@link #SINGLE} for a source sent as one stream. */
        final int layer;
        final ReceiveStatistics statistics;
        final PacketCache cache;
        final LayerMeter meter = new LayerMeter();

        Stream(MediaSource source, int ssrc, int layer) {
            this.source = source;
            this.ssrc = ssrc;
            this.layer = layer;
            this.statistics = new ReceiveStatistics(source.kind() == MediaSource.Kind.AUDIO ? 48_000 : 90_000);
            this.cache = source.kind() == MediaSource.Kind.VIDEO ? new PacketCache() : null;
        }
    }

    // Read per packet (no boxing, no lock); replaced whole on change (SsrcMap's thread rule).
    private volatile SsrcMap<Stream> streams = SsrcMap.empty();
    private volatile SsrcMap<MediaSource> bySsrc = SsrcMap.empty();
    private volatile SsrcMap<MediaSource> byRepairSsrc = SsrcMap.empty();
    /** Every declared source by the SSRC receivers know it under (for simulcast, the bridge's). */
    private volatile SsrcMap<MediaSource> byForwardedSsrc = SsrcMap.empty();
    private volatile List<MediaSource> declared = List.of();
    /** The layers of simulcast sources by the SSRC they cross a relay under (keyframe requests from relays). */
    private volatile SsrcMap<RelayedLayer> byRelaySsrc = SsrcMap.empty();
    private final SimulcastLayers layers = new SimulcastLayers();
    private final TransportCcFeedback transportCc = new TransportCcFeedback();

    /** Replaces the declared sources; statistics of streams that stay are kept. */
    synchronized void declare(Collection<MediaSource> sources) {
        declared = List.copyOf(sources);
        List<MediaSource> single = declared.stream().filter(s -> !s.isSimulcast()).toList();
        SsrcMap<MediaSource> media = SsrcMap.of(single, MediaSource::ssrc);
        bySsrc = media;
        byRepairSsrc = SsrcMap.of(single.stream().filter(s -> s.rtxSsrc() != null).toList(), MediaSource::rtxSsrc);
        byForwardedSsrc = SsrcMap.of(declared, MediaSource::ssrc);
        layers.declare(declared.stream().filter(MediaSource::isSimulcast).toList());
        SsrcMap<RelayedLayer> relayed = SsrcMap.empty();
        for (MediaSource source : declared) {
            List<Integer> relaySsrcs = source.isSimulcast() ? source.simulcast().relaySsrcs() : List.of();
            for (int i = 0; i < relaySsrcs.size(); i++) {
                relayed = relayed.with(relaySsrcs.get(i), new RelayedLayer(source, i));
            }
        }
        byRelaySsrc = relayed;
        streams = streams.retaining(ssrc -> media.containsKey(ssrc) || layers.isLayer(ssrc));
    }

    Collection<MediaSource> sources() {
        return declared;
    }

    /** Whether receivers know one of this endpoint's sources under {@code ssrc}. */
    boolean declares(int ssrc) {
        return byForwardedSsrc.containsKey(ssrc);
    }

    MediaSource source(int forwardedSsrc) {
        return byForwardedSsrc.get(forwardedSsrc);
    }

    /** The layer a relay knows as {@code relaySsrc}, or null. */
    RelayedLayer relayedLayer(int relaySsrc) {
        return byRelaySsrc.get(relaySsrc);
    }

    /** How the packet's SSRC relates to the sources; a simulcast layer's first packet teaches its SSRC. */
    Role role(MediaPacket packet, EndpointFormats formats) {
        int ssrc = Rtp.ssrc(packet);
        if (bySsrc.containsKey(ssrc)) {
            return Role.MEDIA;
        }
        if (byRepairSsrc.containsKey(ssrc)) {
            return Role.REPAIR;
        }
        return layers.role(packet, ssrc, formats);
    }

    /** Accounts for a decrypted packet of a declared stream (media or repair); the caller feeds its meter. */
    Stream received(MediaPacket packet, Role role, int transportCcId, long nowNanos) {
        int transportSequence = RtpRewriter.transportSequence(packet, transportCcId);
        if (transportSequence >= 0) {
            transportCc.received(transportSequence, nowNanos / 1000);
        }
        if (role != Role.MEDIA) {
            return null;
        }
        int ssrc = Rtp.ssrc(packet);
        Stream stream = streams.get(ssrc);
        if (stream == null) {
            stream = newStream(ssrc);
            if (stream == null) {
                return null;
            }
        }
        stream.statistics.received(Rtp.sequenceNumber(packet), Rtp.timestamp(packet), nowNanos);
        return stream; // its meter is fed by the caller, which knows the codec (temporal layers)
    }

    /** The first packet of a stream: its statistics start (rare, so copying is fine). */
    private synchronized Stream newStream(int ssrc) {
        Stream stream = streams.get(ssrc);
        if (stream != null) {
            return stream;
        }
        MediaSource single = bySsrc.get(ssrc);
        if (single != null) {
            stream = new Stream(single, ssrc, SINGLE);
        } else {
            SimulcastLayers.Layer layer = layers.layer(ssrc);
            if (layer == null) {
                return null; // undeclared meanwhile
            }
            stream = new Stream(layer.source(), ssrc, layer.index());
        }
        // a layer learnt anew replaced its old SSRC: that stream goes with it
        SsrcMap<MediaSource> media = bySsrc;
        streams = streams.retaining(kept -> media.containsKey(kept) || layers.isLayer(kept)).with(ssrc, stream);
        return stream;
    }

    Stream stream(int ssrc) {
        return streams.get(ssrc);
    }

    /** The stream of one layer of a simulcast source (by the source's forwarded SSRC), or null. */
    Stream layerStream(int forwardedSsrc, int layer) {
        int ssrc = layers.ssrcOf(forwardedSsrc, layer);
        return ssrc == 0 ? null : streams.get(ssrc);
    }

    /** The SSRC a simulcast layer arrives on (0: not seen yet); a single stream's own SSRC for {@link #SINGLE}. */
    int layerSsrc(MediaSource source, int layer) {
        return source.isSimulcast() ? layers.ssrcOf(source.ssrc(), layer) : source.ssrc();
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
            stream.statistics.writeReportBlock(stream.ssrc, report, 8 + RtcpReports.REPORT_BLOCK * i, nowNanos);
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
