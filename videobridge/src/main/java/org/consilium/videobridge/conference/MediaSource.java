package org.consilium.videobridge.conference;

/**
 * A stream an endpoint sends, as its SDP declares it: kind, SSRC, the SSRC of its RTX
 * repair stream (or null), and the stream and track ids (msid) that let receivers group
 * audio and video of one participant. The bridge signals the publisher's endpoint id as
 * the stream id, so a receiver knows whose tile a track belongs in.
 */
public record MediaSource(Kind kind, int ssrc, Integer rtxSsrc, String streamId, String trackId) {

    public enum Kind { AUDIO, VIDEO }

    public MediaSource {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }

    public MediaSource(Kind kind, int ssrc, String streamId, String trackId) {
        this(kind, ssrc, null, streamId, trackId);
    }

    public long unsignedSsrc() {
        return ssrc & 0xFFFFFFFFL;
    }
}
