package org.consilium.videobridge.sdp;

import java.util.Set;

/** An RTP header extension (RFC 8285) as negotiated: its id on this endpoint's BUNDLE and its URI. */
public record HeaderExtension(int id, String uri) {

    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
    public static final String TIME_OFFSET = "urn:ietf:params:rtp-hdrext:toffset";
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /**
     * What the bridge accepts in any section. Not sdes:mid or rid there: the bridge
     * demultiplexes by the SSRCs it signals.
     */
    static final Set<String> SUPPORTED = Set.of(AUDIO_LEVEL, ABS_SEND_TIME, TRANSPORT_CC, VIDEO_ORIENTATION, TIME_OFFSET);

    /**
     * Accepted only in a simulcast send section, where the layers' SSRCs are learnt from
     * them. Never forwarded: a receiver would take the publisher's mid for its own.
     */
    static final Set<String> SIMULCAST = Set.of(MID, RID, REPAIRED_RID);
}
