package org.consilium.videobridge.load;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.sdp.HeaderExtension;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * The SDP offer of a synthetic participant that publishes simulcast: Opus and VP8 in one
 * BUNDLE, the camera's layers as an {@code a=ssrc-group:SIM} (lowest first; what a
 * browser with SDP munging, or an older Chromium, offers). The bridge needs SDP for
 * simulcast: it tells VP8 by the negotiated payload type, and only a VP8 keyframe may
 * switch a layer. No header extensions (as in the load generator's other scenarios) unless
 * transport-cc is asked for, no RTX. A participant that only receives offers both sections recvonly.
 */
final class SyntheticOffer {

    static final int OPUS = 111;

    private SyntheticOffer() {
    }

    /**
     * @param audioSsrc the microphone's SSRC, or 0 for none
     * @param cameraSsrcs the simulcast layers' SSRCs, lowest first (one: a single stream,
     *        no group), or empty for no camera
     */
    static String of(SyntheticBrowser browser, int audioSsrc, int[] cameraSsrcs) {
        return of(browser, audioSsrc, cameraSsrcs, 0);
    }

    /**
     * As above; with {@code transportCcId} above 0, both sections negotiate transport-wide
     * congestion control (the header extension under that id, and {@code transport-cc}
     * feedback for VP8), as browsers do: the bridge numbers its copies to this participant
     * and estimates its bandwidth from the feedback it sends.
     */
    static String of(SyntheticBrowser browser, int audioSsrc, int[] cameraSsrcs, int transportCcId) {
        List<String> lines = new ArrayList<>(List.of(
                "v=0",
                "o=- 1 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1"));
        section(lines, browser, "audio", "0", OPUS + " opus/48000/2", OPUS, transportCcId);
        if (audioSsrc != 0) {
            lines.add("a=sendonly");
            lines.add("a=msid:- audio");
            lines.add("a=ssrc:" + Integer.toUnsignedString(audioSsrc) + " cname:synthetic");
        } else {
            lines.add("a=recvonly");
        }
        section(lines, browser, "video", "1", SimulcastCamera.VP8 + " VP8/90000", SimulcastCamera.VP8, transportCcId);
        if (cameraSsrcs.length > 0) {
            lines.add("a=sendonly");
            lines.add("a=msid:- camera");
            if (cameraSsrcs.length > 1) { // one stream: a browser without simulcast sends no group
                StringBuilder sim = new StringBuilder("a=ssrc-group:SIM");
                for (int ssrc : cameraSsrcs) {
                    sim.append(' ').append(Integer.toUnsignedString(ssrc));
                }
                lines.add(sim.toString());
            }
            for (int ssrc : cameraSsrcs) {
                lines.add("a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:synthetic");
            }
        } else {
            lines.add("a=recvonly");
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static void section(List<String> lines, SyntheticBrowser browser, String kind, String mid, String rtpmap,
                                int payloadType, int transportCcId) {
        lines.add("m=" + kind + " 9 UDP/TLS/RTP/SAVPF " + payloadType);
        lines.add("c=IN IP4 0.0.0.0");
        lines.add("a=ice-ufrag:" + browser.iceUfrag());
        lines.add("a=ice-pwd:" + browser.icePassword());
        lines.add("a=fingerprint:" + browser.fingerprint().toSdpValue());
        lines.add("a=setup:actpass");
        lines.add("a=mid:" + mid);
        lines.add("a=rtcp-mux");
        lines.add("a=rtcp-rsize");
        lines.add("a=rtpmap:" + rtpmap);
        if (transportCcId > 0) {
            lines.add("a=extmap:" + transportCcId + " " + HeaderExtension.TRANSPORT_CC);
        }
        if (kind.equals("video")) {
            lines.add("a=rtcp-fb:" + payloadType + " nack");
            lines.add("a=rtcp-fb:" + payloadType + " nack pli");
            if (transportCcId > 0) {
                lines.add("a=rtcp-fb:" + payloadType + " transport-cc");
            }
        }
    }
}
