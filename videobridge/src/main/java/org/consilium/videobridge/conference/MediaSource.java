package org.consilium.videobridge.conference;

/**
 * A stream an endpoint sends, as its SDP declares it: kind, SSRC, the SSRC of its RTX
 * repair stream (or null), and the stream and track ids (msid) that let receivers group
 * audio and video of one participant. The bridge signals the publisher's endpoint id as
 * the stream id, so a receiver knows whose tile a track belongs in.
 */
public record MediaSource(Kind kind, int ssrc, Integer rtxSsrc, String streamId, String trackId, Simulcast simulcast) {

    public enum Kind { AUDIO, VIDEO }

    /**
     * A source sent as simulcast layers (RFC 8853): the media section's mid and its RIDs,
     * lowest layer first (the order of {@code a=simulcast}). The layers' SSRCs are learnt
     * from the RID header extension of the first packets; {@link #ssrc} and {@link #rtxSsrc}
     * are then the bridge's own, the one stream every receiver sees whatever layer it gets.
     *
     * <p>{@code relaySsrcs}: the SSRC each layer crosses a relay to another bridge under
     * (every layer crosses, so that the other bridge picks one per receiver as this one
     * does). Layers declared by SSRC relay under their own; the bridge chooses them for
     * layers learnt from RIDs ({@link SimulcastSsrcs}). Empty: the source crosses a relay
     * as one stream, in the layer the relay's allocation picks.
     */
    public record Simulcast(String mid, java.util.List<String> rids, java.util.List<Integer> ssrcs,
                            java.util.List<Integer> rtxSsrcs, java.util.List<Integer> relaySsrcs) {
        public Simulcast {
            rids = java.util.List.copyOf(rids);
            ssrcs = java.util.List.copyOf(ssrcs);
            rtxSsrcs = java.util.List.copyOf(rtxSsrcs);
            relaySsrcs = java.util.List.copyOf(relaySsrcs);
            if (rids.isEmpty()) {
                throw new IllegalArgumentException("simulcast needs at least one RID");
            }
            if (!ssrcs.isEmpty() && ssrcs.size() != rids.size()
                    || !rtxSsrcs.isEmpty() && rtxSsrcs.size() != rids.size()
                    || !relaySsrcs.isEmpty() && relaySsrcs.size() != rids.size()) {
                throw new IllegalArgumentException("declared layer SSRCs must match the layers");
            }
        }

        /** Layers declared by SSRC (or none: learnt from RIDs), relayed under those SSRCs. */
        public Simulcast(String mid, java.util.List<String> rids, java.util.List<Integer> ssrcs,
                         java.util.List<Integer> rtxSsrcs) {
            this(mid, rids, ssrcs, rtxSsrcs, ssrcs);
        }

        /** Layers whose SSRCs come with their packets (RIDs). */
        public Simulcast(String mid, java.util.List<String> rids) {
            this(mid, rids, java.util.List.of(), java.util.List.of());
        }

        /**
         * Layers declared by SSRC, lowest first (an SSRC-group SIM, a synthetic sender, or a
         * source another bridge relays): named "0", "1", … and bound from the start.
         */
        public static Simulcast declared(String mid, java.util.List<Integer> ssrcs, java.util.List<Integer> rtxSsrcs) {
            java.util.List<String> names = java.util.stream.IntStream.range(0, ssrcs.size())
                    .mapToObj(Integer::toString).toList();
            return new Simulcast(mid, names, ssrcs, rtxSsrcs);
        }

        /** The same layers, crossing relays under {@code relaySsrcs}. */
        public Simulcast relayedUnder(java.util.List<Integer> relaySsrcs) {
            return new Simulcast(mid, rids, ssrcs, rtxSsrcs, relaySsrcs);
        }

        /** Whether every layer crosses a relay, each under its own SSRC. */
        public boolean relaysEveryLayer() {
            return !relaySsrcs.isEmpty();
        }
    }

    public MediaSource {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }

    public MediaSource(Kind kind, int ssrc, Integer rtxSsrc, String streamId, String trackId) {
        this(kind, ssrc, rtxSsrc, streamId, trackId, null);
    }

    public MediaSource(Kind kind, int ssrc, String streamId, String trackId) {
        this(kind, ssrc, null, streamId, trackId, null);
    }

    public boolean isSimulcast() {
        return simulcast != null;
    }

    /** The msid track id receivers see: the kind and the SSRC they get it under. */
    public String trackLabel() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + unsignedSsrc();
    }

    /** {@code <msid stream>/<msid track>} as receivers see it: how constraints name the source. */
    public String name() {
        return (streamId == null ? "-" : streamId) + "/" + trackLabel();
    }

    /** The same source under the bridge's SSRCs for it (simulcast: chosen by the bridge). */
    public MediaSource withSsrcs(int newSsrc, Integer newRtxSsrc) {
        return new MediaSource(kind, newSsrc, newRtxSsrc, streamId, trackId, simulcast);
    }

    /**
     * The source as a relay to another bridge carries it, under the SSRCs every receiver
     * here gets it with (for simulcast, the bridge's own): a simulcast source as its layers,
     * declared by their relay SSRCs ({@link Simulcast#relaysEveryLayer}), else one stream.
     */
    public MediaSource relayed() {
        Simulcast layers = simulcast != null && simulcast.relaysEveryLayer()
                ? Simulcast.declared(simulcast.mid(), simulcast.relaySsrcs(), java.util.List.of()) : null;
        return new MediaSource(kind, ssrc, rtxSsrc, streamId, trackId, layers);
    }

    public long unsignedSsrc() {
        return ssrc & 0xFFFFFFFFL;
    }
}
