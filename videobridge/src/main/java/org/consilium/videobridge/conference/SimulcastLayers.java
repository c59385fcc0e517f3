package org.consilium.videobridge.conference;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtpExtensions;
import org.consilium.videobridge.rtp.SsrcMap;
import org.consilium.videobridge.sdp.EndpointFormats;

/**
 * The SSRCs of one endpoint's simulcast layers, learnt from their packets. Browsers do not
 * signal them (Chromium's offer has no {@code a=ssrc} for RID layers): a layer's first
 * packets carry its RID (RFC 8852), and its RTX stream's the repaired RID, with the mid
 * when the endpoint has several simulcast sections. Only packets that decrypted under the
 * endpoint's own keys get here, so nobody else can bind an SSRC; an endpoint that keeps
 * inventing SSRCs is held to {@link #MAX_LEARNT_PER_SECOND}, so its own packets cannot make
 * the shared receive thread rebuild tables for everyone.
 */
final class SimulcastLayers {

    /** Learning is a table rebuild; browsers learn each layer once. */
    static final int MAX_LEARNT_PER_SECOND = 20;

    /** One learnt SSRC: a layer (or its repair stream) of a source. */
    record Layer(MediaSource source, int index, String rid, boolean repair) {
    }

    private volatile List<MediaSource> sources = List.of();
    private volatile SsrcMap<Layer> bySsrc = SsrcMap.empty();
    private long budgetSecond = Long.MIN_VALUE;
    private int learntThisSecond;

    /** The simulcast sources now declared; layers of sections (mid, RID) that stay are kept. */
    synchronized void declare(List<MediaSource> simulcast) {
        sources = List.copyOf(simulcast);
        List<Integer> keep = new ArrayList<>();
        List<Layer> kept = new ArrayList<>();
        bySsrc.forEach((ssrc, layer) -> {
            for (MediaSource source : simulcast) {
                int index = source.simulcast().rids().indexOf(layer.rid());
                if (source.simulcast().mid().equals(layer.source().simulcast().mid()) && index >= 0) {
                    keep.add(ssrc);
                    kept.add(new Layer(source, index, layer.rid(), layer.repair()));
                }
            }
        });
        SsrcMap<Layer> rebuilt = SsrcMap.empty();
        for (int i = 0; i < keep.size(); i++) {
            rebuilt = rebuilt.with(keep.get(i), kept.get(i));
        }
        for (MediaSource source : simulcast) { // layers declared by SSRC are bound from the start
            MediaSource.Simulcast layers = source.simulcast();
            for (int i = 0; i < layers.ssrcs().size(); i++) {
                rebuilt = rebuilt.with(layers.ssrcs().get(i), new Layer(source, i, layers.rids().get(i), false));
            }
            for (int i = 0; i < layers.rtxSsrcs().size(); i++) {
                rebuilt = rebuilt.with(layers.rtxSsrcs().get(i), new Layer(source, i, layers.rids().get(i), true));
            }
        }
        bySsrc = rebuilt;
    }

    boolean isLayer(int ssrc) {
        Layer layer = bySsrc.get(ssrc);
        return layer != null && !layer.repair();
    }

    Layer layer(int ssrc) {
        Layer layer = bySsrc.get(ssrc);
        return layer == null || layer.repair() ? null : layer;
    }

    /** The SSRC of layer {@code index} of the source receivers know as {@code forwardedSsrc}; 0 if not seen. */
    int ssrcOf(int forwardedSsrc, int index) {
        int[] found = {0};
        bySsrc.forEach((ssrc, layer) -> {
            if (!layer.repair() && layer.index() == index && layer.source().ssrc() == forwardedSsrc) {
                found[0] = ssrc;
            }
        });
        return found[0];
    }

    IncomingStreams.Role role(MediaPacket packet, int ssrc, EndpointFormats formats) {
        Layer known = bySsrc.get(ssrc);
        if (known != null) {
            return known.repair() ? IncomingStreams.Role.REPAIR : IncomingStreams.Role.MEDIA;
        }
        List<MediaSource> simulcast = sources;
        if (simulcast.isEmpty()) {
            return IncomingStreams.Role.UNDECLARED;
        }
        boolean repair = false;
        long rid = RtpExtensions.find(packet, formats.ridId());
        if (rid == RtpExtensions.ABSENT) {
            rid = RtpExtensions.find(packet, formats.repairedRidId());
            repair = true;
        }
        if (rid == RtpExtensions.ABSENT) {
            return IncomingStreams.Role.UNDECLARED;
        }
        long mid = RtpExtensions.find(packet, formats.midId());
        Layer match = null;
        for (MediaSource source : simulcast) {
            if (mid != RtpExtensions.ABSENT && !RtpExtensions.equalsAscii(packet, mid, source.simulcast().mid())) {
                continue;
            }
            List<String> rids = source.simulcast().rids();
            for (int i = 0; i < rids.size(); i++) {
                if (RtpExtensions.equalsAscii(packet, rid, rids.get(i))) {
                    if (match != null) {
                        return IncomingStreams.Role.UNDECLARED; // the same RID in two sections and no mid to tell
                    }
                    match = new Layer(source, i, rids.get(i), repair);
                }
            }
        }
        if (match == null || !learn(ssrc, match, packet.receivedAt())) {
            return IncomingStreams.Role.UNDECLARED;
        }
        return repair ? IncomingStreams.Role.REPAIR : IncomingStreams.Role.MEDIA;
    }

    /** Binds the SSRC to the layer, replacing an earlier SSRC of the same layer (a sender may start over). */
    private synchronized boolean learn(int ssrc, Layer layer, long nowNanos) {
        long second = nowNanos / 1_000_000_000L;
        if (second != budgetSecond) {
            budgetSecond = second;
            learntThisSecond = 0;
        }
        if (++learntThisSecond > MAX_LEARNT_PER_SECOND || !sources.contains(layer.source())) {
            return false;
        }
        bySsrc = bySsrc.retaining(other -> {
            Layer bound = bySsrc.get(other);
            return !(bound.source().equals(layer.source()) && bound.rid().equals(layer.rid())
                    && bound.repair() == layer.repair());
        }).with(ssrc, layer);
        return true;
    }
}
