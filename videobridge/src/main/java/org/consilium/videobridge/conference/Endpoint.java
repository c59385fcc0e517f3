package org.consilium.videobridge.conference;

import java.util.Collection;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.Answer;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.sdp.Offer;
import org.consilium.videobridge.sdp.RemoteTransport;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.consilium.videobridge.transport.PacketKind;
import org.consilium.videobridge.transport.TransportEndpoint;

/**
 * One participant's connection to the bridge (Colibri2 "endpoint"): the assembly of its
 * packet path and its control API (negotiation, sources, constraints, statistics).
 * Packets arrive on the transport's receive thread: DTLS goes to the endpoint's DTLS
 * session (started on the first record); SRTP goes through the receive stages and on to the
 * conference; what the conference forwards to this endpoint goes through the send stages.
 * RTCP ends here ({@link RtcpTermination}); on the tick the bridge writes its own receiver
 * reports and transport-cc feedback and reallocates.
 */
public final class Endpoint implements TransportEndpoint {

    private final String id;
    private final Conference conference;
    private final BridgeContext bridge;
    private final IceLiteAgent ice = new IceLiteAgent(IceCredentials.random());
    /** The SSRC the bridge uses as sender of the RTCP it writes to this endpoint. */
    private final int bridgeSsrc = ThreadLocalRandom.current().nextInt();
    private final EndpointDrops drops;
    private final IncomingStreams incoming = new IncomingStreams();
    private final OutgoingStreams outgoing = new OutgoingStreams();
    private final LayerForwarding layers = new LayerForwarding();
    private final ReceiverAllocation allocation;
    private final HeardAgain heardAgain = new HeardAgain(); // receive thread only
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private long answerVersion;
    private volatile EndpointFormats formats = EndpointFormats.UNNEGOTIATED;
    private final EndpointDtls dtls;
    private final EndpointSender sender;
    private final ReceiverBandwidth bandwidth;
    private final BandwidthProbing probing;
    private final KeyframeRequests keyframes;
    private final Retransmissions retransmissions;
    private final ForwardingStage forwarding;
    private final EndpointReceiver receiver;
    private final EndpointTap tap;
    private final EndpointTimers timers;
    private volatile boolean expired;
    private volatile long desiredFloorBps;
    private volatile ReceiverConstraints receiverConstraints = ReceiverConstraints.DEFAULT;
    /** This endpoint is one end of a relay between two bridges ({@link Conference#initiateRelay}, {@link Conference#acceptRelay}). */
    private final boolean relay;
    /** The initiating end's port, checks and DTLS client; null for every other endpoint. */
    private volatile RelayInitiation initiation;
    private final boolean initiates;

    /**
     * Assembles the path. In: {@link EndpointDtls} (DTLS, SRTP keys) → {@link EndpointReceiver}
     * (copy, decrypt, check, accept by SSRC, stream and layer accounting, audio level) →
     * the conference, or for RTCP → {@link RtcpTermination} (reports, {@link KeyframeRequests},
     * NACKs to {@link Retransmissions}, transport-cc to {@link ReceiverBandwidth}). Out, per
     * receiver: {@link ForwardingStage} (allocation and layer choice in {@link LayerForwarding},
     * rewrite) → {@link EndpointSender} (encrypt, send on the ICE path), with repairs and
     * probes ({@link BandwidthProbing}) from {@link Retransmissions}.
     */
    Endpoint(String id, Conference conference, BridgeContext bridge) {
        this(id, conference, bridge, Role.PARTICIPANT);
    }

    /** Who is at the other end: a participant's browser, or another bridge (as the side that initiates, or accepts). */
    enum Role { PARTICIPANT, RELAY_INITIATOR, RELAY_ACCEPTOR }

    Endpoint(String id, Conference conference, BridgeContext bridge, Role role) {
        this.id = id;
        this.conference = conference;
        this.bridge = bridge;
        this.relay = role != Role.PARTICIPANT;
        this.initiates = role == Role.RELAY_INITIATOR;
        if (relay) {
            // No SDP between bridges: both ends number formats alike, and the relay wants every
            // source at its best (the other bridge chooses for its own receivers).
            this.formats = EndpointFormats.RELAY;
            this.receiverConstraints = RELAY_CONSTRAINTS;
        }
        this.drops = new EndpointDrops(bridge.endpointDrops());
        this.dtls = new EndpointDtls("endpoint " + id + " of conference " + conference.id(), bridge, ice, drops::add,
                initiates);
        this.bandwidth = new ReceiverBandwidth(drops, this::estimateFell);
        this.sender = new EndpointSender(dtls, ice, drops, bandwidth);
        /*
         * This receiver's copy of the packet being forwarded to it. Reused: the whole packet
         * path (forward, retransmit) runs on the media port's one receive thread, and the
         * send copies the bytes into the kernel before the next packet is written here.
         */
        MediaPacket outgoingCopy = new MediaPacket(new byte[1500 + 64], 0, 0); // grows if ever needed
        this.retransmissions = new Retransmissions(this, conference, outgoing, layers, sender, drops, outgoingCopy);
        this.probing = new BandwidthProbing(bandwidth, retransmissions, retransmissions::pad);
        this.forwarding = new ForwardingStage(this, bridge, dtls, outgoing, layers, sender, probing, outgoingCopy);
        this.keyframes = new KeyframeRequests(conference, incoming, outgoing, layers, sender, bridgeSsrc);
        this.tap = new EndpointTap(id);
        RtcpTermination rtcp = new RtcpTermination(this, conference, incoming, outgoing, keyframes, retransmissions,
                bandwidth, tap);
        this.receiver = new EndpointReceiver(this, conference, incoming, rtcp, drops, tap);
        this.allocation = new ReceiverAllocation(this, conference, layers);
        this.timers = new EndpointTimers(conference, incoming, allocation, keyframes, probing, sender, bridgeSsrc);
    }

    private static final ReceiverConstraints RELAY_CONSTRAINTS = new ReceiverConstraints(ReceiverConstraints.UNLIMITED,
            ReceiverConstraints.MAX_HEIGHT, java.util.List.of(), ReceiverConstraints.MAX_HEIGHT, Map.of());

    public String id() {
        return id;
    }

    /** Whether this endpoint is one end of a relay to another bridge, not a participant. */
    public boolean isRelay() {
        return relay;
    }

    /**
     * The initiating end of a relay connects to the other bridge's end ({@code remote}, its
     * {@link #localTransport()}): checks from a port of its own, then DTLS as the client.
     *
     * @throws IllegalStateException if this endpoint does not initiate a relay, or already connects
     * @throws IOException if no port could be opened, or the other end offers no UDP candidate
     */
    public synchronized void connectTo(LocalTransport remote) throws java.io.IOException {
        if (!initiates || initiation != null) {
            throw new IllegalStateException("endpoint " + id + " does not initiate a relay, or already connects");
        }
        if (expired) {
            throw new IllegalStateException("the endpoint has expired");
        }
        setRemoteTransport(remote.iceUfrag(), remote.fingerprint());
        initiation = RelayInitiation.start(this, ice, dtls, bridge.relayPorts(), remote);
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
        if (new HashSet<>(incoming.sources()).equals(new HashSet<>(declared))) {
            return; // nothing changed: nobody renegotiates (two relays telling each other their sources end here)
        }
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
        if (relay) {
            throw new InvalidSdpException("a relay between bridges negotiates no SDP");
        }
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
        allocation.urge();
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
            keyframes.afterSilence();
            allocation.urge(); // its video was held back while it was unreachable
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
        receiver.receive(keys, buffer, offset, length);
    }

    /** This endpoint's streams and their layers, for the stages of its receivers. */
    IncomingStreams incoming() {
        return incoming;
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

    /** Hands this endpoint's media to a recorder from the next packet on, or stops with null ({@link MediaTap}). */
    public void tap(MediaTap recorder) {
        tap.set(recorder);
    }

    /**
     * A recorder starts or lost a picture: a keyframe of the layer it records
     * ({@link MediaTap#SINGLE_STREAM} for one stream). Any thread: it goes out on the next
     * tick, within the same 300-ms limit as everyone's requests.
     */
    public void requestKeyframe(MediaSource source, int layer) {
        keyframes.requestOnTick(source, layer);
    }

    /** A publisher's packet for this endpoint (the conference checked {@link #receives}): see {@link ForwardingStage}. */
    void forwardFrom(Endpoint publisher, IncomingStreams.Stream stream, MediaPacket decrypted, long extendedSequence) {
        forwarding.forward(publisher, stream, decrypted, extendedSequence);
    }

    /** A publisher's sender info, for this receiver's lip sync and our RTT measurement. */
    void forwardSenderReport(IncomingStreams.Stream stream, byte[] senderInfo, long ntp) {
        forwarding.forwardSenderReport(stream, senderInfo, ntp);
    }

    @Override
    public void tick(long now) {
        RelayInitiation relaying = initiation;
        if (relaying != null && !expired) {
            relaying.tick(now);
        }
        if (dtls.srtp() == null || expired) {
            return;
        }
        timers.tick(now);
    }

    /** Asks this endpoint for a keyframe of one layer of its simulcast source (when that layer was seen). */
    void requestLayerKeyframe(MediaSource source, int layer) {
        keyframes.requestLayer(source, layer);
    }

    /** Asks this endpoint (the publisher of {@code mediaSsrc}) for a keyframe, at most every 300 ms. */
    void requestKeyframe(int mediaSsrc) {
        keyframes.request(mediaSsrc);
    }

    public EndpointStatistics statistics() {
        return new EndpointStatistics(id, isConnected(), receiver.packetsReceived(), receiver.bytesReceived(),
                sender.packetsSent(), sender.bytesSent(), drops.snapshot(), incoming.packetsLost(), incoming.packetsExpected(),
                outgoing.roundTripMillis(), retransmissions.nacksReceived(), sender.retransmissionsSent(), keyframes.sent(),
                bandwidth.estimateBps());
    }

    /** What the path to this receiver carries, by its transport-cc feedback (bit/s); any thread. */
    public long bandwidthEstimateBps() {
        return bandwidth.estimateBps();
    }

    /**
     * Whether this receiver's path is down: a browser that sends transport-cc feedback all
     * the time has sent nothing for 1.5 s ({@link HeardAgain}). Its video is held back until
     * it is heard again: nothing goes into a dead path, and on its return each picture starts
     * on a keyframe with its numbers going on, instead of a gap of seconds that its jitter
     * buffer would NACK and wait on. Audio goes on (a decoder bridges a gap by itself).
     * Receive thread.
     */
    boolean unreachable(long nowNanos) {
        return bandwidth.feedbackSeen() && heardAgain.silent(nowNanos);
    }

    /**
     * The estimate went down: when what is forwarded no longer fits, the layers are chosen
     * again on the next tick (10 ms), not at the end of the 100-ms interval; the queue
     * that made the estimate fall grows meanwhile.
     */
    private void estimateFell() {
        if (allocation != null && allocationBudgetBps() < allocation.current().totalBps()) {
            allocation.urge();
        }
    }

    /** What this receiver's allocation may fill, bits per second (see {@link ReceiverBandwidth#budgetBps}). */
    public long allocationBudgetBps() {
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
        RelayInitiation relaying = initiation;
        if (relaying != null) {
            relaying.close();
        }
    }
}
