package org.consilium.videobridge.sdp;

import java.util.Map;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.ice.HostCandidate;

/**
 * Writes the bridge's answer: ICE-lite, DTLS passive, one BUNDLE group, rtcp-mux and
 * rtcp-rsize; the browser's send sections answered recvonly, its receive slots sendonly
 * with the SSRCs (and RTX group) of the source placed there, or inactive when empty.
 */
public final class Answer {

    private Answer() {
    }

    public static String write(Offer offer, LocalTransport local, Map<String, MediaSource> placed,
                               long sessionId, long version) {
        StringBuilder sdp = new StringBuilder(2048);
        line(sdp, "v=0");
        line(sdp, "o=- " + sessionId + " " + version + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
        for (NegotiatedSection section : offer.sections()) {
            if (!section.isRejected()) {
                bundle.append(' ').append(section.mid());
            }
        }
        line(sdp, bundle.toString());
        line(sdp, "a=ice-lite");
        line(sdp, "a=msid-semantic: WMS *");
        for (NegotiatedSection section : offer.sections()) {
            if (section.isRejected()) {
                rejected(sdp, section);
            } else {
                accepted(sdp, section, local, placed.get(section.mid()));
            }
        }
        return sdp.toString();
    }

    private static void rejected(StringBuilder sdp, NegotiatedSection section) {
        MediaDescription offered = section.offered();
        line(sdp, "m=" + offered.kind() + " 0 " + offered.protocol() + " " + String.join(" ", offered.formats()));
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=mid:" + section.mid());
        line(sdp, "a=inactive");
    }

    private static void accepted(StringBuilder sdp, NegotiatedSection section, LocalTransport local, MediaSource source) {
        StringBuilder formats = new StringBuilder();
        section.formats().forEach(f -> formats.append(' ').append(f.payloadType()));
        line(sdp, "m=" + section.offered().kind() + " 9 " + Offer.PROTOCOL + formats);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + local.iceUfrag());
        line(sdp, "a=ice-pwd:" + local.icePassword());
        line(sdp, "a=fingerprint:" + local.fingerprint().toSdpValue());
        line(sdp, "a=setup:passive");
        line(sdp, "a=mid:" + section.mid());
        for (HeaderExtension extension : section.extensions()) {
            line(sdp, "a=extmap:" + extension.id() + " " + extension.uri());
        }
        line(sdp, "a=" + direction(section, source).sdp());
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtcp-rsize");
        if (!section.rids().isEmpty()) {
            for (String rid : section.rids()) {
                line(sdp, "a=rid:" + rid + " recv");
            }
            line(sdp, "a=simulcast:recv " + String.join(";", section.rids()));
        }
        for (PayloadFormat format : section.formats()) {
            line(sdp, "a=rtpmap:" + format.rtpmap());
            for (String feedback : format.feedback()) {
                line(sdp, "a=rtcp-fb:" + format.payloadType() + " " + feedback);
            }
            String parameters = answeredParameters(format);
            if (!parameters.isEmpty()) {
                line(sdp, "a=fmtp:" + format.payloadType() + " " + parameters);
            }
        }
        if (source != null) {
            source(sdp, section, source);
        }
        for (HostCandidate candidate : local.candidates()) {
            line(sdp, "a=" + candidate.toSdpAttribute());
        }
        line(sdp, "a=end-of-candidates");
    }

    /**
     * The offer's format parameters, and for Opus {@code usedtx=1} (RFC 7587 §6.1: the
     * receiver prefers discontinuous transmission): a muted or silent participant then
     * sends a few packets a second instead of fifty, which is what lets a 40-person tumor
     * board with open microphones fit on one node (docs/performance.md).
     */
    static String answeredParameters(PayloadFormat format) {
        String parameters = format.parameters();
        if (!format.name().equals("opus") || Offer.parameter(parameters, "usedtx") != null) {
            return parameters;
        }
        return parameters.isEmpty() ? "usedtx=1" : parameters + ";usedtx=1";
    }

    private static Direction direction(NegotiatedSection section, MediaSource source) {
        if (section.browserSends()) {
            return Direction.RECVONLY;
        }
        return source != null && section.offered().direction().receives() ? Direction.SENDONLY : Direction.INACTIVE;
    }

    private static void source(StringBuilder sdp, NegotiatedSection section, MediaSource source) {
        String stream = source.streamId() == null ? "-" : source.streamId();
        String track = source.trackLabel();
        String cname = stream;
        line(sdp, "a=msid:" + stream + " " + track);
        Integer rtx = section.hasRtx() ? source.rtxSsrc() : null;
        if (rtx != null) {
            line(sdp, "a=ssrc-group:FID " + source.unsignedSsrc() + " " + (rtx & 0xFFFFFFFFL));
        }
        line(sdp, "a=ssrc:" + source.unsignedSsrc() + " cname:" + cname);
        line(sdp, "a=ssrc:" + source.unsignedSsrc() + " msid:" + stream + " " + track);
        if (rtx != null) {
            line(sdp, "a=ssrc:" + (rtx & 0xFFFFFFFFL) + " cname:" + cname);
            line(sdp, "a=ssrc:" + (rtx & 0xFFFFFFFFL) + " msid:" + stream + " " + track);
        }
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}
