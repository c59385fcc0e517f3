package org.consilium.videobridge.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;

/**
 * A browser's offer as the bridge reads it: the remote transport, each section with the
 * formats the bridge accepts (the browser's numbering, VP8 before H.264 so every receiver
 * can decode), and the sources the browser declares.
 */
public record Offer(RemoteTransport transport, List<NegotiatedSection> sections, EndpointFormats formats,
                    List<MediaSource> sources) {

    static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";
    private static final Set<String> FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "transport-cc");

    /** Reads an offer; {@code streamId} becomes the msid stream of every source (the endpoint's id). */
    public static Offer read(String sdp, String streamId) throws InvalidSdpException {
        SessionDescription offer = SessionDescription.parse(sdp);
        if (offer.media().isEmpty()) {
            throw new InvalidSdpException("the offer has no media sections");
        }
        Set<String> bundle = bundleGroup(offer);
        List<NegotiatedSection> sections = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        RemoteTransport transport = null;
        for (MediaDescription section : offer.media()) {
            String mid = section.mid().orElseThrow(() -> new InvalidSdpException("every media section needs a=mid"));
            if (!mids.add(mid)) {
                throw new InvalidSdpException("mid " + mid + " appears twice");
            }
            NegotiatedSection negotiated = negotiate(mid, section);
            if (!negotiated.isRejected()) {
                if (!bundle.contains(mid)) {
                    throw new InvalidSdpException("media section " + mid + " is not in the BUNDLE group");
                }
                RemoteTransport sectionTransport = transport(offer, section);
                if (transport == null) {
                    transport = sectionTransport;
                } else if (!transport.equals(sectionTransport)) {
                    throw new InvalidSdpException("bundled sections must share ICE credentials and fingerprint");
                }
            }
            sections.add(negotiated);
        }
        if (transport == null) {
            throw new InvalidSdpException("no audio or video section the bridge can use");
        }
        List<MediaSource> sources = new ArrayList<>();
        for (NegotiatedSection section : sections) {
            if (section.browserSends()) {
                sources.addAll(sources(section, streamId));
            }
        }
        return new Offer(transport, List.copyOf(sections), new EndpointFormats(sections), List.copyOf(sources));
    }

    private static Set<String> bundleGroup(SessionDescription offer) throws InvalidSdpException {
        for (String group : offer.attributes("group")) {
            String[] parts = group.split(" +");
            if (parts[0].equals("BUNDLE")) {
                Set<String> mids = new HashSet<>();
                for (int i = 1; i < parts.length; i++) {
                    if (!mids.add(parts[i])) {
                        throw new InvalidSdpException("mid " + parts[i] + " appears twice in the BUNDLE group");
                    }
                }
                return mids;
            }
        }
        throw new InvalidSdpException("the offer must bundle its media (a=group:BUNDLE)");
    }

    private static RemoteTransport transport(SessionDescription offer, MediaDescription section) throws InvalidSdpException {
        String ufrag = offer.attribute(section, "ice-ufrag").orElseThrow(() -> new InvalidSdpException("a=ice-ufrag is missing"));
        String password = offer.attribute(section, "ice-pwd").orElseThrow(() -> new InvalidSdpException("a=ice-pwd is missing"));
        String setup = offer.attribute(section, "setup").orElse("");
        if (!setup.equals("actpass") && !setup.equals("active")) {
            throw new InvalidSdpException("a=setup must be actpass or active: the bridge is the DTLS server");
        }
        if (ufrag.length() < 4 || ufrag.length() > 256 || password.length() < 22 || password.length() > 256) {
            throw new InvalidSdpException("ICE ufrag or password has the wrong length (RFC 8839 §5.4)");
        }
        Fingerprint fingerprint = null;
        for (String value : section.attributes("fingerprint").isEmpty()
                ? offer.attributes("fingerprint") : section.attributes("fingerprint")) {
            try {
                Fingerprint candidate = Fingerprint.parse(value);
                if (candidate.algorithm().equals("sha-256") || fingerprint == null) {
                    fingerprint = candidate;
                }
            } catch (IllegalArgumentException unsupported) {
                // another hash the browser also offered; keep looking
            }
        }
        if (fingerprint == null) {
            throw new InvalidSdpException("no usable a=fingerprint (sha-256, sha-384 or sha-512)");
        }
        return new RemoteTransport(ufrag, password, fingerprint);
    }

    private static NegotiatedSection negotiate(String mid, MediaDescription section) throws InvalidSdpException {
        MediaSource.Kind kind = switch (section.kind()) {
            case "audio" -> MediaSource.Kind.AUDIO;
            case "video" -> MediaSource.Kind.VIDEO;
            default -> null; // data channels and anything else: rejected
        };
        if (kind == null || section.isRejected() || !section.protocol().equals(PROTOCOL)) {
            return new NegotiatedSection(mid, section, null, List.of(), List.of());
        }
        if (section.attribute("rtcp-mux").isEmpty()) {
            throw new InvalidSdpException("media section " + mid + " must use rtcp-mux");
        }
        List<String> rids = SimulcastOffer.rids(mid, section, kind);
        List<HeaderExtension> extensions = extensions(section, !rids.isEmpty());
        if (!rids.isEmpty() && extensions.stream().noneMatch(e -> e.uri().equals(HeaderExtension.RID))) {
            throw new InvalidSdpException("media section " + mid
                    + " offers simulcast without the rtp-stream-id header extension (RFC 8852)");
        }
        boolean transportCc = extensions.stream().anyMatch(e -> e.uri().equals(HeaderExtension.TRANSPORT_CC));
        List<PayloadFormat> formats = formats(section, kind, transportCc);
        return new NegotiatedSection(mid, section, kind, formats, formats.isEmpty() ? List.of() : extensions,
                formats.isEmpty() ? List.of() : rids);
    }

    private static List<HeaderExtension> extensions(MediaDescription section, boolean simulcast)
            throws InvalidSdpException {
        List<HeaderExtension> accepted = new ArrayList<>();
        for (String extmap : section.attributes("extmap")) {
            String[] parts = extmap.split(" +");
            if (parts.length < 2) {
                throw new InvalidSdpException("a=extmap needs an id and a URI");
            }
            int id = number(parts[0].contains("/") ? parts[0].substring(0, parts[0].indexOf('/')) : parts[0], "extmap id");
            if (id < 1 || id > 14) {
                continue; // two-byte ids need extmap-allow-mixed, which the bridge does not answer
            }
            if (HeaderExtension.SUPPORTED.contains(parts[1])
                    || simulcast && HeaderExtension.SIMULCAST.contains(parts[1])) {
                accepted.add(new HeaderExtension(id, parts[1]));
            }
        }
        return accepted;
    }

    /** The section's formats the bridge can forward, in the bridge's preference order, with RTX for kept codecs. */
    private static List<PayloadFormat> formats(MediaDescription section, MediaSource.Kind kind, boolean transportCc)
            throws InvalidSdpException {
        Map<Integer, PayloadFormat> offered = new LinkedHashMap<>();
        for (String rtpmap : section.attributes("rtpmap")) {
            String[] parts = rtpmap.split(" +", 2);
            int pt = number(parts[0], "payload type");
            if (pt < 0 || pt > 127 || parts.length < 2) {
                throw new InvalidSdpException("a=rtpmap:" + rtpmap + " is malformed");
            }
            String[] encoding = parts[1].split("/");
            if (encoding.length < 2) {
                throw new InvalidSdpException("a=rtpmap:" + rtpmap + " has no clock rate");
            }
            int clock = number(encoding[1], "clock rate");
            int channels = encoding.length > 2 ? number(encoding[2], "channels") : 1;
            String parameters = fmtp(section, pt);
            int apt = PayloadFormat.NONE;
            String aptValue = parameter(parameters, "apt");
            if (aptValue != null) {
                apt = number(aptValue, "apt");
            }
            offered.put(pt, new PayloadFormat(pt, encoding[0], clock, channels, parameters,
                    feedback(section, pt, transportCc), apt));
        }
        List<PayloadFormat> kept = new ArrayList<>();
        for (String codec : kind == MediaSource.Kind.AUDIO ? List.of("opus") : List.of("vp8", "h264")) {
            offered.values().stream()
                    .filter(f -> f.name().equals(codec) && section.formats().contains(Integer.toString(f.payloadType())))
                    .filter(Offer::acceptable)
                    .findFirst()
                    .ifPresent(kept::add);
        }
        List<PayloadFormat> repairs = new ArrayList<>();
        for (PayloadFormat format : kept) {
            offered.values().stream()
                    .filter(f -> f.isRtx() && f.associatedPayloadType() == format.payloadType())
                    .findFirst()
                    .ifPresent(repairs::add);
        }
        kept.addAll(repairs);
        return kept;
    }

    private static boolean acceptable(PayloadFormat format) {
        return switch (format.name()) {
            case "opus" -> format.clockRate() == 48000 && format.channels() == 2;
            case "vp8" -> format.clockRate() == 90000;
            // one H.264 flavour everyone decodes: constrained baseline, non-interleaved
            case "h264" -> format.clockRate() == 90000 && "1".equals(parameter(format.parameters(), "packetization-mode"))
                    && Optional.ofNullable(parameter(format.parameters(), "profile-level-id"))
                            .map(p -> p.toLowerCase(Locale.ROOT).startsWith("42e0")).orElse(false);
            default -> false;
        };
    }

    private static String fmtp(MediaDescription section, int pt) {
        String prefix = pt + " ";
        return section.attributes("fmtp").stream().filter(f -> f.startsWith(prefix))
                .map(f -> f.substring(prefix.length()).strip()).findFirst().orElse("");
    }

    private static List<String> feedback(MediaDescription section, int pt, boolean transportCc) {
        List<String> kept = new ArrayList<>();
        for (String value : section.attributes("rtcp-fb")) {
            int space = value.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String target = value.substring(0, space);
            String type = value.substring(space + 1).strip();
            if ((target.equals("*") || target.equals(Integer.toString(pt))) && FEEDBACK.contains(type)
                    && (transportCc || !type.equals("transport-cc")) && !kept.contains(type)) {
                kept.add(type);
            }
        }
        return kept;
    }

    static String parameter(String parameters, String name) {
        for (String pair : parameters.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase(name)) {
                return pair.substring(equals + 1).strip();
            }
        }
        return null;
    }

    private static List<MediaSource> sources(NegotiatedSection section, String streamId) throws InvalidSdpException {
        MediaDescription media = section.offered();
        String simulcastTrack = media.attribute("msid").map(m -> m.contains(" ") ? m.substring(m.indexOf(' ') + 1) : m)
                .orElse(section.kind().name().toLowerCase(Locale.ROOT) + "-" + section.mid());
        if (!section.rids().isEmpty()) {
            // The layers' SSRCs come with their first packets; the bridge numbers the source itself.
            return List.of(new MediaSource(section.kind(), 0, null, streamId, simulcastTrack,
                    new MediaSource.Simulcast(section.mid(), section.rids())));
        }
        Map<Integer, Integer> repairedBy = new HashMap<>();
        Set<Integer> repairs = new HashSet<>();
        for (String group : media.attributes("ssrc-group")) {
            String[] parts = group.split(" +");
            if (parts[0].equals("FID") && parts.length == 3) {
                int primary = ssrc(parts[1]);
                int repair = ssrc(parts[2]);
                repairedBy.put(primary, repair);
                repairs.add(repair);
            }
        }
        String trackId = media.attribute("msid").map(m -> m.contains(" ") ? m.substring(m.indexOf(' ') + 1) : m)
                .orElse(section.kind().name().toLowerCase(Locale.ROOT) + "-" + section.mid());
        Set<Integer> primaries = new java.util.LinkedHashSet<>();
        for (String line : media.attributes("ssrc")) {
            int ssrc = ssrc(line.split(" ", 2)[0]);
            if (!repairs.contains(ssrc)) {
                primaries.add(ssrc);
            }
        }
        List<Integer> sim = simGroup(media);
        if (!sim.isEmpty() && section.kind() == MediaSource.Kind.VIDEO) {
            // legacy simulcast by SSRC group: the layers are declared, lowest first; RTX only if every layer has one
            List<Integer> rtx = sim.stream().map(repairedBy::get).toList();
            return List.of(new MediaSource(section.kind(), 0, null, streamId, trackId, MediaSource.Simulcast.declared(
                    section.mid(), sim, rtx.contains(null) ? List.of() : rtx)));
        }
        // One primary stream per section otherwise (the first).
        return primaries.stream().limit(1)
                .map(ssrc -> new MediaSource(section.kind(), ssrc, repairedBy.get(ssrc), streamId, trackId))
                .toList();
    }

    /** The SSRCs of an {@code a=ssrc-group:SIM}, lowest layer first; empty when there is none. */
    private static List<Integer> simGroup(MediaDescription media) throws InvalidSdpException {
        for (String group : media.attributes("ssrc-group")) {
            String[] parts = group.split(" +");
            if (parts[0].equals("SIM")) {
                if (parts.length < 2 || parts.length > 5) {
                    throw new InvalidSdpException("a=ssrc-group:SIM needs 1 to 4 SSRCs");
                }
                List<Integer> layers = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    int layer = ssrc(parts[i]);
                    if (layers.contains(layer)) {
                        throw new InvalidSdpException("a=ssrc-group:SIM names SSRC " + parts[i] + " twice");
                    }
                    layers.add(layer);
                }
                return layers;
            }
        }
        return List.of();
    }

    private static int ssrc(String value) throws InvalidSdpException {
        try {
            long ssrc = Long.parseLong(value.strip());
            if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
                throw new InvalidSdpException("SSRC " + value + " is out of range");
            }
            return (int) ssrc;
        } catch (NumberFormatException notANumber) {
            throw new InvalidSdpException("SSRC " + value + " is not a number");
        }
    }

    private static int number(String value, String what) throws InvalidSdpException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidSdpException(what + " '" + value + "' is not a number");
        }
    }
}
