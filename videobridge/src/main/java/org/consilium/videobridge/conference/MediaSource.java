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
     */
    public record Simulcast(String mid, java.util.List<String> rids, java.util.List<Integer> ssrcs,
                            java.util.List<Integer> rtxSsrcs) {
        public Simulcast {
            rids = java.util.List.copyOf(rids);
            ssrcs = java.util.List.copyOf(ssrcs);
            rtxSsrcs = java.util.List.copyOf(rtxSsrcs);
            if (rids.isEmpty()) {
                throw new IllegalArgumentException("simulcast needs at least one RID");
            }
            if (!ssrcs.isEmpty() && ssrcs.size() != rids.size()
                    || !rtxSsrcs.isEmpty() && rtxSsrcs.size() != rids.size()) {
                throw new IllegalArgumentException("declared layer SSRCs must match the layers");
            }
        }

        /** Layers whose SSRCs come with their packets (RIDs). */
        public Simulcast(String mid, java.util.List<String> rids) {
            this(mid, rids, java.util.List.of(), java.util.List.of());
        }

        /**
         * Layers declared by SSRC, lowest first (an SSRC-group SIM, or a synthetic sender):
         * named "0", "1", … and bound from the start.
         */
        public static Simulcast declared(String mid, java.util.List<Integer> ssrcs, java.util.List<Integer> rtxSsrcs) {
            java.util.List<String> names = java.util.stream.IntStream.range(0, ssrcs.size())
                    .mapToObj(Integer::toString).toList();
            return new Simulcast(mid, names, ssrcs, rtxSsrcs);
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
     * The source as a relay to another bridge carries it: one stream under the SSRCs every
     * receiver here gets it with (for simulcast, the bridge's own), whatever layer goes.
     */
    public MediaSource relayed() {
        return new MediaSource(kind, ssrc, rtxSsrc, streamId, trackId, null);
    }

    public long unsignedSsrc() {
        return ssrc & 0xFFFFFFFFL;
    }
}
