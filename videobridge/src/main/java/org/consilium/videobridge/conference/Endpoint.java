package org.consilium.videobridge.conference;

import java.util.Collection;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.AudioLevel;
import org.consilium.videobridge.rtp.ForwardedSequence;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.RtcpType;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.rtp.SentPackets;
import org.consilium.videobridge.rtp.VideoPayload;
import org.consilium.videobridge.sdp.Answer;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.sdp.FormatMapping;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.sdp.Offer;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.consilium.videobridge.sdp.RemoteTransport;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.consilium.videobridge.simulcast.LayerSelector;
import org.consilium.videobridge.transport.PacketKind;
import org.consilium.videobridge.transport.TransportEndpoint;

/**
 * One participant's connection to the bridge (Colibri2 "endpoint"). Packets arrive on the
 * transport's receive thread: DTLS goes to the endpoint's DTLS session (started on the
 * first record), SRTP is decrypted, checked and handed to the conference. RTCP ends here:
 * the bridge answers NACKs from its cache, relays keyframe requests, forwards sender info
 * for lip sync, reads the receiver's transport-cc feedback for its bandwidth estimate
 * ({@link ReceiverBandwidth}), and writes its own receiver reports and transport-cc feedback on the tick.
 */
public final class Endpoint implements TransportEndpoint {

    /** At most one keyframe request per stream in this interval, however many receivers ask. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long FEEDBACK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LAYER_CHOICE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** At most this many sequence numbers of one NACK packet are answered (a NACK is 4 bytes for 17). */
    private static final int MAX_NACKED = 64;

    private final String id;
    private final Conference conference;
    private final BridgeContext bridge;
    private final IceLiteAgent ice = new IceLiteAgent(IceCredentials.random());
    /** The SSRC the bridge uses as sender of the RTCP it writes to this endpoint. */
    private final int bridgeSsrc = ThreadLocalRandom.current().nextInt();
    private final Map<Integer, Long> lastKeyframeRequest = new ConcurrentHashMap<>();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder nacksReceived = new LongAdder();
    private final LongAdder keyframeRequestsSent = new LongAdder();
    private final EndpointDrops drops;
    private final IncomingStreams incoming = new IncomingStreams();
    private final OutgoingStreams outgoing = new OutgoingStreams();
    private final LayerForwarding layers = new LayerForwarding();
    private final ReceiverAllocation allocation;
    private final HeardAgain heardAgain = new HeardAgain(); // receive thread only
    /** A received packet nobody holds any more, for the next datagram's copy (receive thread only). */
    private MediaPacket reusable;
    /**
     * This receiver's copy of the packet being forwarded to it. Reused: the whole packet
     * path (forward, retransmit) runs on the media port's one receive thread, and the
     * send copies the bytes into the kernel before the next packet is written here.
     */
    private final MediaPacket outgoingCopy = new MediaPacket(new byte[1500 + 64], 0, 0); // grows if ever needed
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private long answerVersion;
    private volatile EndpointFormats formats = EndpointFormats.UNNEGOTIATED;
    private final EndpointDtls dtls;
    private final EndpointSender sender;
    private final ReceiverBandwidth bandwidth;
    private final BandwidthProbing probing;
    private volatile boolean expired;
    private volatile long desiredFloorBps;
    private volatile ReceiverConstraints receiverConstraints = ReceiverConstraints.DEFAULT;
    // receive thread only:
    private long lastFeedbackNanos;
    private long lastReportNanos;
    private long lastLayerChoiceNanos;

    Endpoint(String id, Conference conference, BridgeContext bridge) {
        this.id = id;
        this.conference = conference;
        this.bridge = bridge;
        this.drops = new EndpointDrops(bridge.endpointDrops());
        this.dtls = new EndpointDtls("endpoint " + id + " of conference " + conference.id(), bridge, ice, drops::add);
        this.bandwidth = new ReceiverBandwidth(drops);
        this.probing = new BandwidthProbing(bandwidth, this::repeatAsProbe, this::padAsProbe);
        this.sender = new EndpointSender(dtls, ice, drops, bandwidth);
        this.allocation = new ReceiverAllocation(this, conference, layers);
    }

    public String id() {
        return id;
    }

    @Override
    public IceLiteAgent ice() {
        return ice;
    }

    public LocalTransport localTransport() {
        IceCredentials credentials = ice.localCredentials();
        return new LocalTransport(credentials.ufrag(), credentials.password(), true, bridge.candidates(),
                bridge.certificate().fingerprint());
    }

    /** The browser's ICE ufrag and DTLS fingerprint, from its SDP. */
    public void setRemoteTransport(String iceUfrag, Fingerprint fingerprint) {
        ice.setRemoteUfrag(iceUfrag);
        dtls.expect(fingerprint);
    }

    /**
     * Replaces the streams this endpoint sends; RTP with any other SSRC is dropped.
     *
     * @throws IllegalArgumentException if an SSRC is given twice or is another endpoint's
     *         (nothing changes then)
     */
    public void setSources(Collection<MediaSource> declared) {
        conference.declareSources(this, declared).ifPresent(ssrc -> {
            throw new IllegalArgumentException(ssrcTaken(ssrc));
        });
        conference.sourcesChanged();
    }

    /** Called by {@link Conference#declareSources} only, under the conference's lock. */
    void declare(Collection<MediaSource> declared) {
        incoming.declare(declared);
    }

    private static String ssrcTaken(long ssrc) {
        return "SSRC " + ssrc + " is declared twice or already sent by another participant";
    }

    public List<MediaSource> sources() {
        return List.copyOf(incoming.sources());
    }

    boolean sends(int ssrc) {
        return incoming.declares(ssrc);
    }

    EndpointFormats formats() {
        return formats;
    }

    /**
     * Answers the browser's offer: takes its transport, sources and formats, places the
     * other participants' sources in its receive slots, and returns the SDP answer. A
     * browser renegotiates after {@link ConferenceListener#sourcesChanged}, adding receive
     * slots until it has {@link #receiveSlotsNeeded()}.
     *
     * @throws InvalidSdpException when the offer cannot be answered; nothing changes then
     */
    public synchronized String negotiate(String offerSdp) throws InvalidSdpException {
        Offer offer = Offer.read(offerSdp, id);
        RemoteTransport remote = offer.transport();
        Fingerprint remoteFingerprint = dtls.remoteFingerprint();
        if (remoteFingerprint != null && !remoteFingerprint.equals(remote.fingerprint())) {
            throw new InvalidSdpException("the DTLS fingerprint changed: a new certificate needs a new endpoint");
        }
        String knownUfrag = ice.remoteUfrag();
        boolean iceRestart = knownUfrag != null && !knownUfrag.equals(remote.iceUfrag()); // RFC 8445 §9
        if (expired) {
            throw new InvalidSdpException("the endpoint has expired");
        }
        List<MediaSource> offered = SimulcastSsrcs.assign(offer.sources(), incoming.sources());
        boolean sourcesChanged = !new HashSet<>(incoming.sources()).equals(new HashSet<>(offered));
        OptionalLong taken = conference.declareSources(this, offered);
        if (taken.isPresent()) {
            throw new InvalidSdpException(ssrcTaken(taken.getAsLong()));
        }
        if (iceRestart) { // same certificate, so the DTLS association and its SRTP keys stay
            bridge.demultiplexer().ufragChanged(this, ice.restart(IceCredentials.random(), remote.iceUfrag()));
        }
        setRemoteTransport(remote.iceUfrag(), remote.fingerprint());
        formats = offer.formats();
        Map<String, MediaSource> placement = SourcePlacement.place(outgoing.placed(), offer.sections(),
                conference.sourcesFor(id));
        outgoing.place(placement);
        conference.routingChanged();
        conference.formatsChanged();
        if (sourcesChanged) {
            conference.sourcesChanged();
        }
        return Answer.write(offer, localTransport(), placement, sessionId, ++answerVersion);
    }

    /**
     * Without SDP (Colibri2 use, synthetic endpoints): forward only these sources to this
     * endpoint, say only the bedside cameras to a tele-ICU hub. Until called, such an
     * endpoint receives every source; with SDP, the answer decides.
     */
    public void selectSources(Collection<MediaSource> forwarded) {
        Map<String, MediaSource> placement = new java.util.LinkedHashMap<>();
        for (MediaSource source : forwarded) {
            placement.put("selected-" + source.unsignedSsrc(), source);
        }
        outgoing.place(placement);
        conference.routingChanged();
    }

    /** What this receiver gets now, by source (receive thread's latest decision). */
    public org.consilium.videobridge.allocation.Allocation allocation() {
        return allocation.current();
    }

    /** A paused single-stream source comes back: numbers go on from the last sent, and a keyframe is needed. */
    void resumeSingle(Endpoint publisher, MediaSource source) {
        outgoing.sequenceFor(source.ssrc()).resumeNext();
        publisher.requestKeyframe(source.ssrc());
    }

    /** The stream of one of this endpoint's single-stream sources, or null before its first packet. */
    IncomingStreams.Stream stream(int ssrc) {
        return incoming.stream(ssrc);
    }

    void forwardedLayers(Map<String, List<Integer>> into) {
        allocation.forwardedLayers(into);
    }

    /** Receive slots this browser needs, by kind: one per source of every other participant. */
    public Map<MediaSource.Kind, Integer> receiveSlotsNeeded() {
        Map<MediaSource.Kind, Integer> needed = new EnumMap<>(MediaSource.Kind.class);
        for (MediaSource.Kind kind : MediaSource.Kind.values()) {
            needed.put(kind, 0);
        }
        conference.sourcesFor(id).forEach(s -> needed.merge(s.kind(), 1, Integer::sum));
        return needed;
    }

    /** Whether every other participant's source has a slot in this browser's last answer. */
    public boolean receivesEverySource() {
        var placed = new HashSet<>(outgoing.placed().values().stream().map(MediaSource::ssrc).toList());
        return conference.sourcesFor(id).stream().allMatch(s -> placed.contains(s.ssrc()));
    }

    /** Sources in this browser's receive slots, by mid (empty before any SDP). */
    public Map<String, MediaSource> placedSources() {
        return outgoing.placed();
    }

    void forgetMappings() {
        outgoing.forgetMappings();
    }

    /** What this receiver's page shows (any thread); {@link ReceiverConstraints#DEFAULT} until it says. */
    public void setReceiverConstraints(ReceiverConstraints constraints) {
        this.receiverConstraints = java.util.Objects.requireNonNull(constraints, "constraints");
    }

    public ReceiverConstraints receiverConstraints() {
        return receiverConstraints;
    }

    public boolean isConnected() {
        return dtls.srtp() != null;
    }

    @Override
    public void receive(PacketKind kind, byte[] buffer, int offset, int length) {
        if (expired) {
            return;
        }
        if (heardAgain.heard(System.nanoTime())) {
            keyframesAfterSilence();
        }
        if (kind == PacketKind.DTLS) {
            dtls.receive(buffer, offset, length);
            return;
        }
        SrtpTransformer keys = dtls.srtp();
        if (keys == null) {
            drops.add(EndpointDropReason.NOT_CONNECTED);
            return;
        }
        MediaPacket packet = receiveCopy(buffer, offset, length);
        packet.receivedAt(System.nanoTime());
        reusable = Rtp.isRtcp(packet) ? receiveRtcp(keys, packet) : receiveRtp(keys, packet);
    }

    /** Back after a silence ({@link HeardAgain}): pictures both ways need a keyframe; ask now. */
    private void keyframesAfterSilence() {
        outgoing.placed().values().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO)
                .forEach(s -> conference.requestKeyframe(s.ssrc()));
        incoming.sources().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO).forEach(s -> requestKeyframe(s.ssrc()));
    }

    /** The datagram copied out of the port's buffer, into the packet last freed if there is one. */
    private MediaPacket receiveCopy(byte[] buffer, int offset, int length) {
        MediaPacket packet = reusable;
        if (packet == null) {
            return MediaPacket.copyOf(buffer, offset, length);
        }
        reusable = null;
        System.arraycopy(buffer, offset, packet.reset(length + MediaPacket.TRAILER_ROOM), 0, length);
        packet.setLength(length);
        return packet;
    }

    /** @return the packet now free for reuse: this one, the one it replaced in the cache, or none */
    private MediaPacket receiveRtp(SrtpTransformer keys, MediaPacket packet) {
        if (!accepted(keys.decryptRtp(packet), packet, Rtp::isValid, EndpointDropReason.MALFORMED_RTP)) {
            return packet;
        }
        IncomingStreams.Role role = incoming.role(packet, formats);
        if (role == IncomingStreams.Role.UNDECLARED) {
            drops.add(EndpointDropReason.UNDECLARED_SSRC);
            return packet;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        long now = packet.receivedAt();
        IncomingStreams.Stream stream = incoming.received(packet, role,
                formats.transportCcId(), now);
        // Repair packets (RTX probes and retransmissions) end here: we never NACK the publisher.
        if (stream == null) {
            return packet;
        }
        if (stream.source.kind() == MediaSource.Kind.VIDEO) {
            stream.meter.height(VideoPayload.vp8KeyframeHeight(packet)); // NONE unless a VP8 keyframe starts here
        } else {
            int level = AudioLevel.read(packet, formats.audioLevelId());
            if (level != AudioLevel.NONE) {
                conference.allocation().level(id, AudioLevel.level(level), now);
            }
        }
        conference.forward(this, stream, packet, stream.statistics.extend(Rtp.sequenceNumber(packet)));
        // Forwarding made its copies; only a video stream's cache keeps the packet (for NACKs).
        return stream.cache == null ? packet : stream.cache.store(packet, now);
    }

    /** @return the packet, free for reuse once its reports and feedback are handled */
    private MediaPacket receiveRtcp(SrtpTransformer keys, MediaPacket packet) {
        if (!accepted(keys.decryptRtcp(packet), packet, RtcpCompound::isValid, EndpointDropReason.MALFORMED_RTCP)) {
            return packet;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        long now = System.nanoTime();
        RtcpCompound.forEach(packet, (type, format, at, length) -> {
            switch (type) {
                case RtcpType.SR -> {
                    if (length >= 28) {
                        senderReport(packet, at, now);
                    }
                    reportBlocks(packet, type, at, length, now);
                }
                case RtcpType.RR -> reportBlocks(packet, type, at, length, now);
                case RtcpType.PSFB -> {
                    if (format == RtcpType.FMT_PLI && length >= 12) {
                        keyframeWanted(RtcpCompound.feedbackMediaSsrc(packet, at));
                    } else if (format == RtcpType.FMT_FIR && length >= 20) {
                        keyframeWanted(packet.u32(at + 12)); // FIR names the source in its FCI
                    }
                }
                case RtcpType.RTPFB -> {
                    if (format == RtcpType.FMT_NACK && length >= 16) {
                        nack(packet, at, length, now);
                    } else if (format == RtcpType.FMT_TRANSPORT_CC) {
                        bandwidth.feedback(packet, at, length, now);
                    }
                }
                default -> {
                    // SDES, BYE, APP, REMB: terminated here
                }
            }
        });
        return packet;
    }

    /** A publisher's SR: remember it for our receiver reports, pass its sender info to receivers. */
    private void senderReport(MediaPacket packet, int at, long now) {
        IncomingStreams.Stream stream = incoming.stream(packet.u32(at + 4));
        if (stream == null) {
            return;
        }
        long ntp = RtcpReports.ntpTimestamp(packet, at);
        stream.statistics.senderReport(ntp, now);
        conference.forwardSenderReport(this, stream, RtcpReports.senderInfoOnly(packet, at), ntp);
    }

    private void reportBlocks(MediaPacket packet, int type, int at, int length, long now) {
        int blocks = RtcpReports.reportBlocks(packet, type, at, length);
        for (int i = 0; i < blocks; i++) {
            int block = RtcpReports.reportBlock(type, at, i);
            outgoing.reportBlock(packet.u32(block + 16) & 0xFFFFFFFFL, packet.u32(block + 20) & 0xFFFFFFFFL, now);
        }
    }

    /** A receiver lost packets: resend them from the publisher's cache (as RTX when negotiated). */
    private void nack(MediaPacket packet, int at, int length, long now) {
        nacksReceived.increment();
        int mediaSsrc = RtcpCompound.feedbackMediaSsrc(packet, at);
        Endpoint publisher = conference.publisherOf(mediaSsrc);
        if (publisher == null || !outgoing.receives(mediaSsrc)) {
            return;
        }
        LayerSelector selector = layers.selector(mediaSsrc);
        if (selector != null) {
            nackLayers(publisher, selector, packet, at, length, now);
            return;
        }
        IncomingStreams.Stream stream = publisher.incoming.stream(mediaSsrc);
        if (stream == null || stream.cache == null) {
            return;
        }
        ForwardedSequence numbering = outgoing.sequenceOf(mediaSsrc);
        if (numbering == null) {
            return;
        }
        int[] answered = {0};
        RtcpReports.forEachNacked(packet, at, length, sequence -> {
            long original = numbering.original(sequence); // the receiver names its own numbers
            if (answered[0]++ < MAX_NACKED && original != ForwardedSequence.NONE) {
                MediaPacket cached = stream.cache.find((int) (original & 0xFFFF), now);
                if (cached != null) {
                    retransmit(publisher, stream.source, cached, sequence);
                }
            }
        });
    }

    /**
     * A NACK for a simulcast source: each number is found in the layer it was sent from and
     * resent as RTX with the numbers it went out with (without RTX it goes unanswered: a
     * copy rewritten across switches cannot be repeated byte for byte).
     */
    private void nackLayers(Endpoint publisher, LayerSelector selector, MediaPacket packet, int at, int length,
                            long now) {
        int mediaSsrc = RtcpCompound.feedbackMediaSsrc(packet, at);
        MediaSource source = publisher.incoming.source(mediaSsrc);
        if (source == null || source.rtxSsrc() == null) {
            return;
        }
        FormatMapping mapping = outgoing.mapping(publisher, this);
        int[] answered = {0};
        RtcpReports.forEachNacked(packet, at, length, sequence -> {
            if (answered[0]++ < MAX_NACKED) {
                resendLayered(publisher, selector, source, mapping, sequence, now);
            }
        });
    }

    /** Resends, as RTX, the layer's packet this receiver knows as {@code sequence}; returns its length, 0 if none. */
    private int resendLayered(Endpoint publisher, LayerSelector selector, MediaSource source, FormatMapping mapping,
                              int sequence, long now) {
        int segment = selector.segmentOf(sequence);
        if (segment == LayerSelector.NO_SEGMENT) {
            return 0;
        }
        long original = selector.originalSequence(segment, sequence);
        IncomingStreams.Stream layer = publisher.incoming.layerStream(source.ssrc(), selector.layerOf(segment));
        MediaPacket cached = layer == null ? null : layer.cache.find((int) (original & 0xFFFF), now);
        if (cached == null) {
            return 0;
        }
        int payloadType = mapping.payloadType(Rtp.payloadType(cached));
        int rtxPayloadType = payloadType == PayloadFormat.NONE ? PayloadFormat.NONE : formats.rtxFor(payloadType);
        if (rtxPayloadType == PayloadFormat.NONE) {
            drops.add(EndpointDropReason.RESEND_NOT_AS_SENT);
            return 0;
        }
        int transportSequence = transportSequence(mapping);
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU32(8, source.ssrc());
        selector.rewrite(copy, segment, original);
        RtpRewriter.toRtx(copy, rtxPayloadType, source.rtxSsrc(), outgoing.nextRtxSequence(source.rtxSsrc()));
        sender.resendRtp(copy, null, transportSequence);
        return cached.getLength();
    }

    /** The layers a simulcast source of this endpoint arrives in, lowest first (null where one was not seen yet). */
    IncomingStreams.Stream[] layerStreams(MediaSource source) {
        IncomingStreams.Stream[] streams = new IncomingStreams.Stream[source.simulcast().rids().size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = incoming.layerStream(source.ssrc(), i);
        }
        return streams;
    }

    /** Whether this endpoint is to get the source (its SDP carries it, or it was selected; by default all). */
    boolean receives(int ssrc) {
        return outgoing.receives(ssrc);
    }

    /**
     * Sends a publisher's packet to this endpoint, rewritten for it (the conference checked
     * {@link #receives}), under this endpoint's own sequence number for the stream.
     */
    void forwardFrom(Endpoint publisher, IncomingStreams.Stream stream, MediaPacket decrypted, long extendedSequence) {
        if (dtls.srtp() == null) {
            return;
        }
        MediaSource source = stream.source;
        FormatMapping mapping = outgoing.mapping(publisher, this);
        int payloadType = mapping.payloadType(Rtp.payloadType(decrypted));
        if (payloadType == PayloadFormat.NONE) {
            return; // this endpoint did not negotiate the codec
        }
        boolean layered = stream.layer != IncomingStreams.SINGLE;
        int sequence = ForwardedSequence.NONE;
        if (layered) {
            if (!layers.accept(publisher, stream, decrypted, extendedSequence, decrypted.receivedAt())) {
                return; // not the layer this receiver gets (or not yet: the switch waits for a keyframe)
            }
        } else {
            if (layers.paused(source.ssrc())) {
                return; // this receiver's allocation holds the source back (last-N, bandwidth, not shown)
            }
            sequence = outgoing.sequenceFor(source.ssrc()).rewrite(extendedSequence);
            if (sequence == ForwardedSequence.NONE) {
                return; // from before this endpoint's stream resumed: its number may be taken
            }
        }
        int transportSequence = transportSequence(mapping);
        MediaPacket copy = RtpRewriter.rewrite(decrypted, mapping, payloadType, transportSequence, outgoingCopy);
        if (layered) {
            copy.putU32(8, source.ssrc()); // whatever the layer, the receiver's one stream
            layers.selector(source.ssrc()).rewrite(copy);
        } else {
            copy.putU16(2, sequence);
        }
        // Only video is cached for NACKs; a NACK without RTX must repeat this copy exactly
        // (simulcast is repaired by RTX only: its copies are rewritten per switch).
        boolean remember = !layered && source.kind() == MediaSource.Kind.VIDEO
                && rtxPayloadType(source, payloadType) == PayloadFormat.NONE;
        boolean sent = sender.sendRtp(copy, transportSequence);
        if (sent && remember) {
            outgoing.rememberSentOn(source.ssrc()).sent(copy, transportSequence);
        } else if (sent && source.kind() == MediaSource.Kind.VIDEO && rtxPayloadType(source, payloadType) != PayloadFormat.NONE) {
            // RTX can repeat it as a bandwidth probe
            probing.forwarded(publisher, source, layered ? Rtp.sequenceNumber(copy) : sequence);
        }
        bridge.transit().record(System.nanoTime() - decrypted.receivedAt());
    }

    /** A packet forwarded here repeated as RTX, to probe the path: its length, 0 if no longer cached. */
    /** A padding-only RTX packet on the RTX stream of a video source this receiver gets; its length, or 0. */
    private int padAsProbe(long now) {
        int rtxPayloadType = formats.anyRtxPayloadType();
        if (rtxPayloadType == PayloadFormat.NONE || formats.transportCcId() == 0 || dtls.srtp() == null) {
            return 0;
        }
        for (MediaSource source : outgoing.placed().values()) {
            if (source.kind() == MediaSource.Kind.VIDEO && source.rtxSsrc() != null) {
                int transportSequence = outgoing.nextTransportSequence();
                MediaPacket padding = PaddingProbe.write(outgoingCopy, rtxPayloadType, source.rtxSsrc(),
                        outgoing.nextRtxSequence(source.rtxSsrc()), formats.transportCcId(), transportSequence,
                        PaddingProbe.MAX_PADDING);
                int length = padding.getLength();
                sender.resendRtp(padding, null, transportSequence);
                return length;
            }
        }
        return 0;
    }

    private int repeatAsProbe(Endpoint publisher, MediaSource source, int sequence, long now) {
        LayerSelector selector = layers.selector(source.ssrc());
        if (selector != null) {
            return resendLayered(publisher, selector, source, outgoing.mapping(publisher, this), sequence, now);
        }
        IncomingStreams.Stream stream = publisher.incoming.stream(source.ssrc());
        ForwardedSequence numbering = outgoing.sequenceOf(source.ssrc());
        long original = numbering == null ? ForwardedSequence.NONE : numbering.original(sequence);
        MediaPacket cached = stream == null || stream.cache == null || original == ForwardedSequence.NONE ? null
                : stream.cache.find((int) (original & 0xFFFF), now);
        if (cached == null) {
            return 0;
        }
        retransmit(publisher, source, cached, sequence);
        return cached.getLength();
    }

    /**
     * Answers a NACK for one packet: as RTX when this endpoint negotiated it for the
     * stream (another SSRC and a new sequence number: a fresh SRTP index), else on the
     * stream itself, which repeats the SRTP index, so it must repeat the first copy byte
     * for byte ({@link SentPackets} says why).
     */
    private void retransmit(Endpoint publisher, MediaSource source, MediaPacket cached, int sequence) {
        FormatMapping mapping = outgoing.mapping(publisher, this);
        int payloadType = mapping.payloadType(Rtp.payloadType(cached));
        if (payloadType == PayloadFormat.NONE) {
            return;
        }
        int rtxPayloadType = rtxPayloadType(source, payloadType);
        if (rtxPayloadType == PayloadFormat.NONE) {
            resendAsSent(source, cached, sequence, mapping, payloadType);
            return;
        }
        int transportSequence = transportSequence(mapping);
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU16(2, sequence); // the number this receiver knows it by (RTX carries it as the original)
        RtpRewriter.toRtx(copy, rtxPayloadType, source.rtxSsrc(), outgoing.nextRtxSequence(source.rtxSsrc()));
        sender.resendRtp(copy, null, transportSequence);
    }

    /**
     * The copy rewritten again with the transport-wide number the first one had, so the
     * same bytes; sent only if its SRTP tag shows it is. Otherwise (not sent to this
     * endpoint before, sent while it had RTX, renegotiated since) the NACK goes unanswered
     * and is counted; the receiver's keyframe request repairs the picture then.
     */
    private void resendAsSent(MediaSource source, MediaPacket cached, int sequence, FormatMapping mapping,
                              int payloadType) {
        SentPackets sent = outgoing.sentOn(source.ssrc());
        int transportSequence = sent == null ? SentPackets.NOT_SENT : sent.transportSequence(sequence);
        if (transportSequence == SentPackets.NOT_SENT) {
            drops.add(EndpointDropReason.RESEND_NOT_AS_SENT);
            return;
        }
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU16(2, sequence);
        sender.resendRtp(copy, sent, -1);
    }

    /** This endpoint's RTX payload type for its {@code payloadType} of the source; NONE if either side has no RTX. */
    private int rtxPayloadType(MediaSource source, int payloadType) {
        return source.rtxSsrc() == null ? PayloadFormat.NONE : formats.rtxFor(payloadType);
    }

    private int transportSequence(FormatMapping mapping) {
        return mapping.transportCcId() == 0 ? -1 : outgoing.nextTransportSequence();
    }

    /** A publisher's sender info, for this receiver's lip sync and our RTT measurement. */
    void forwardSenderReport(IncomingStreams.Stream stream, byte[] senderInfo, long ntp) {
        if (dtls.srtp() == null || !outgoing.receives(stream.source.ssrc())) {
            return;
        }
        if (stream.layer != IncomingStreams.SINGLE) {
            senderInfo = layers.senderReport(stream, senderInfo);
            if (senderInfo == null) {
                return;
            }
        }
        outgoing.senderReportSent(ntp, System.nanoTime());
        sender.sendRtcp(senderInfo);
    }

    @Override
    public void tick(long now) {
        if (dtls.srtp() == null || expired) {
            return;
        }
        if (now - lastFeedbackNanos >= FEEDBACK_INTERVAL_NANOS) {
            lastFeedbackNanos = now;
            byte[] feedback = incoming.transportFeedback(bridgeSsrc);
            if (feedback != null) {
                sender.sendRtcp(feedback);
            }
        }
        if (now - lastLayerChoiceNanos >= LAYER_CHOICE_INTERVAL_NANOS) {
            lastLayerChoiceNanos = now;
            allocation.allocate(now);
            conference.allocation().dynacast(now);
        }
        probing.tick(now, sender.bytesSent());
        if (now - lastReportNanos >= REPORT_INTERVAL_NANOS) {
            lastReportNanos = now;
            byte[] report = incoming.receiverReport(bridgeSsrc, now);
            if (report != null) {
                sender.sendRtcp(report);
            }
        }
    }

    /** A receiver lost a picture of the source it knows as {@code mediaSsrc}: ask its publisher. */
    private void keyframeWanted(int mediaSsrc) {
        LayerSelector selector = layers.selector(mediaSsrc);
        Endpoint publisher = conference.publisherOf(mediaSsrc);
        if (selector == null || publisher == null) {
            conference.requestKeyframe(mediaSsrc);
            return;
        }
        int layer = selector.current() != LayerSelector.NO_LAYER ? selector.current() : selector.target();
        MediaSource source = publisher.incoming.source(mediaSsrc);
        if (layer != LayerSelector.NO_LAYER && source != null) {
            publisher.requestLayerKeyframe(source, layer);
        }
    }

    /** Asks this endpoint for a keyframe of one layer of its simulcast source (when that layer was seen). */
    void requestLayerKeyframe(MediaSource source, int layer) {
        int ssrc = incoming.layerSsrc(source, layer);
        if (ssrc != 0) {
            requestKeyframe(ssrc);
        }
    }

    /** Asks this endpoint (the publisher of {@code mediaSsrc}) for a keyframe, at most every 300 ms. */
    void requestKeyframe(int mediaSsrc) {
        long now = System.nanoTime();
        Long last = lastKeyframeRequest.get(mediaSsrc);
        if (last != null && now - last < KEYFRAME_REQUEST_INTERVAL_NANOS) {
            return;
        }
        lastKeyframeRequest.put(mediaSsrc, now);
        keyframeRequestsSent.increment();
        sender.sendRtcp(RtcpCompound.pli(bridgeSsrc, mediaSsrc));
    }

    /** The packet decrypted and, in the clear, well formed; otherwise it is dropped with the reason. */
    private boolean accepted(SrtpOutcome outcome, MediaPacket packet, java.util.function.Predicate<MediaPacket> wellFormed,
                             EndpointDropReason malformed) {
        if (outcome != SrtpOutcome.OK) {
            drops.add(outcome);
            return false;
        }
        if (!wellFormed.test(packet)) {
            drops.add(malformed);
            return false;
        }
        return true;
    }

    public EndpointStatistics statistics() {
        return new EndpointStatistics(id, isConnected(), packetsReceived.sum(), bytesReceived.sum(),
                sender.packetsSent(), sender.bytesSent(), drops.snapshot(), incoming.packetsLost(), incoming.packetsExpected(),
                outgoing.roundTripMillis(), nacksReceived.sum(), sender.retransmissionsSent(), keyframeRequestsSent.sum(),
                bandwidth.estimateBps());
    }

    /** What the path to this receiver carries, by its transport-cc feedback (bit/s); any thread. */
    public long bandwidthEstimateBps() {
        return bandwidth.estimateBps();
    }

    /** What this receiver's allocation may fill, bits per second (see {@link ReceiverBandwidth#budgetBps}). */
    long allocationBudgetBps() {
        return bandwidth.budgetBps(formats.transportCcId() != 0);
    }

    /**
     * Keeps this receiver's path proven up to at least {@code bps} (0, the default: only what
     * its allocation wants): while the estimate is below, the bridge probes with RTX repeats
     * of recent video. For a receiver that must be able to jump up at once, say a tele-ICU
     * station promoting a bed to full view. Any thread.
     */
    public void setDesiredBitrate(long bps) {
        desiredFloorBps = Math.max(0, bps);
    }

    /** What the allocation would forward on an open path: probed for when above the estimate. Receive thread. */
    void desire(long allocationWantsBps) {
        probing.desire(Math.max(allocationWantsBps, desiredFloorBps));
    }

    void expire() {
        expired = true;
        dtls.close();
    }
}
