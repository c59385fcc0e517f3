package org.consilium.videobridge.conference;

/**
 * A stream an endpoint sends, as its SDP declares it: kind, SSRC, and the stream and track
 * ids (msid) that let receivers group audio and video of one participant.
 */
public record MediaSource(Kind kind, int ssrc, String streamId, String trackId) {

    public enum Kind { AUDIO, VIDEO }

    public MediaSource {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }

    public long unsignedSsrc() {
        return ssrc & 0xFFFFFFFFL;
    }
}
