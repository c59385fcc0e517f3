package org.consilium.videobridge.conference;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.consilium.videobridge.dtls.DtlsServerSession;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpType;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.consilium.videobridge.transport.PacketKind;
import org.consilium.videobridge.transport.TransportEndpoint;

/**
 * One participant's connection to the bridge (Colibri2 "endpoint"). Packets arrive on the
 * transport's receive thread: DTLS goes to the endpoint's DTLS session (started on the
 * first record), SRTP is decrypted, checked and handed to the conference.
 */
public final class Endpoint implements TransportEndpoint {

    /** At most one keyframe request per stream in this interval, however many receivers ask. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final Logger LOG = Logger.getLogger(Endpoint.class.getName());

    private final String id;
    private final Conference conference;
    private final BridgeContext bridge;
    private final IceLiteAgent ice = new IceLiteAgent(IceCredentials.random());
    /** The SSRC the bridge uses as sender of the RTCP it writes to this endpoint. */
    private final int bridgeSsrc = ThreadLocalRandom.current().nextInt();
    private final Map<Integer, Long> lastKeyframeRequest = new ConcurrentHashMap<>();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Map<EndpointDropReason, LongAdder> drops = new EnumMap<>(EndpointDropReason.class);
    private volatile Fingerprint remoteFingerprint;
    private volatile DtlsServerSession dtls;
    private volatile SrtpTransformer srtp;
    private volatile Map<Integer, MediaSource> sources = Map.of();
    private volatile boolean expired;

    Endpoint(String id, Conference conference, BridgeContext bridge) {
        this.id = id;
        this.conference = conference;
        this.bridge = bridge;
        for (EndpointDropReason reason : EndpointDropReason.values()) {
            drops.put(reason, new LongAdder());
        }
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
        this.remoteFingerprint = fingerprint;
    }

    /** Replaces the streams this endpoint sends; RTP with any other SSRC is dropped. */
    public void setSources(Collection<MediaSource> declared) {
        this.sources = declared.stream().collect(Collectors.toUnmodifiableMap(MediaSource::ssrc, s -> s, (a, b) -> a));
    }

    public List<MediaSource> sources() {
        return List.copyOf(sources.values());
    }

    boolean sends(int ssrc) {
        return sources.containsKey(ssrc);
    }

    public boolean isConnected() {
        return srtp != null;
    }

    @Override
    public void receive(PacketKind kind, byte[] buffer, int offset, int length) {
        if (expired) {
            return;
        }
        if (kind == PacketKind.DTLS) {
            receiveDtls(buffer, offset, length);
            return;
        }
        SrtpTransformer keys = srtp;
        if (keys == null) {
            drop(EndpointDropReason.NOT_CONNECTED);
            return;
        }
        MediaPacket packet = MediaPacket.copyOf(buffer, offset, length);
        if (Rtp.isRtcp(packet)) {
            receiveRtcp(keys, packet);
        } else {
            receiveRtp(keys, packet);
        }
    }

    private void receiveDtls(byte[] buffer, int offset, int length) {
        DtlsServerSession session = dtlsSession();
        if (session == null) {
            drop(EndpointDropReason.DTLS_BEFORE_REMOTE_TRANSPORT);
        } else if (session.hasFailed()) {
            drop(EndpointDropReason.DTLS_FAILED);
        } else if (!session.receive(buffer, offset, length)) {
            drop(EndpointDropReason.DTLS_QUEUE_FULL);
        }
    }

    private void receiveRtp(SrtpTransformer keys, MediaPacket packet) {
        SrtpOutcome outcome = keys.decryptRtp(packet);
        if (outcome != SrtpOutcome.OK) {
            drop(outcome);
            return;
        }
        if (!Rtp.isValid(packet)) {
            drop(EndpointDropReason.MALFORMED_RTP);
            return;
        }
        if (!sources.containsKey(Rtp.ssrc(packet))) {
            drop(EndpointDropReason.UNDECLARED_SSRC);
            return;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        conference.forward(this, packet);
    }

    private void receiveRtcp(SrtpTransformer keys, MediaPacket packet) {
        SrtpOutcome outcome = keys.decryptRtcp(packet);
        if (outcome != SrtpOutcome.OK) {
            drop(outcome);
            return;
        }
        if (!RtcpCompound.isValid(packet)) {
            drop(EndpointDropReason.MALFORMED_RTCP);
            return;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        RtcpCompound.forEach(packet, (type, format, at, length) -> {
            if (type == RtcpType.PSFB && format == RtcpType.FMT_PLI && length >= 12) {
                conference.requestKeyframe(RtcpCompound.feedbackMediaSsrc(packet, at));
            } else if (type == RtcpType.PSFB && format == RtcpType.FMT_FIR && length >= 20) {
                conference.requestKeyframe(packet.u32(at + 12)); // FIR names the source in its FCI
            }
            // receiver and sender reports, SDES, BYE, NACK, transport-cc: terminated here
        });
    }

    /** Encrypts a packet for this endpoint and sends it to its selected, consented address. */
    void sendRtp(MediaPacket packet) {
        SrtpTransformer keys = srtp;
        InetSocketAddress to = ice.selectedAddress();
        if (keys == null || to == null || !ice.hasConsent()) {
            return;
        }
        if (keys.encryptRtp(packet) == SrtpOutcome.OK) {
            send(packet, to);
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
        SrtpTransformer keys = srtp;
        InetSocketAddress to = ice.selectedAddress();
        if (keys == null || to == null) {
            return;
        }
        byte[] pli = RtcpCompound.pli(bridgeSsrc, mediaSsrc);
        MediaPacket packet = MediaPacket.copyOf(pli, 0, pli.length);
        if (keys.encryptRtcp(packet) == SrtpOutcome.OK) {
            send(packet, to);
        }
    }

    private void send(MediaPacket packet, InetSocketAddress to) {
        bridge.sender().send(packet.getBuffer(), packet.getOffset(), packet.getLength(), to);
        packetsSent.increment();
        bytesSent.add(packet.getLength());
    }

    private DtlsServerSession dtlsSession() {
        DtlsServerSession session = dtls;
        if (session != null || remoteFingerprint == null) {
            return session;
        }
        synchronized (this) {
            if (dtls == null && !expired) {
                dtls = new DtlsServerSession(bridge.certificate(), remoteFingerprint, bridge.sender(),
                        ice::selectedAddress, new DtlsListener());
                dtls.start(bridge.executor());
            }
            return dtls;
        }
    }

    private void drop(SrtpOutcome outcome) {
        drop(switch (outcome) {
            case AUTHENTICATION_FAILED -> EndpointDropReason.SRTP_AUTHENTICATION_FAILED;
            case REPLAYED -> EndpointDropReason.SRTP_REPLAYED;
            default -> EndpointDropReason.SRTP_MALFORMED;
        });
    }

    private void drop(EndpointDropReason reason) {
        drops.get(reason).increment();
    }

    public EndpointStatistics statistics() {
        Map<EndpointDropReason, Long> dropped = new EnumMap<>(EndpointDropReason.class);
        drops.forEach((reason, count) -> dropped.put(reason, count.sum()));
        return new EndpointStatistics(id, isConnected(), packetsReceived.sum(), bytesReceived.sum(),
                packetsSent.sum(), bytesSent.sum(), dropped);
    }

    void expire() {
        expired = true;
        DtlsServerSession session = dtls;
        if (session != null) {
            session.close();
        }
        SrtpTransformer keys = srtp;
        srtp = null;
        if (keys != null) {
            keys.close();
        }
    }

    private final class DtlsListener implements DtlsServerSession.Listener {
        @Override
        public void connected(SrtpKeys keys) {
            if (!expired) {
                srtp = SrtpTransformer.forBridge(keys);
            }
        }

        @Override
        public void failed(String reason) {
            LOG.info(() -> "endpoint " + id + " of conference " + conference.id() + ": " + reason);
        }

        @Override
        public void closed() {
            // The browser closed DTLS (left, or ICE restart with new DTLS): no more media to it.
            SrtpTransformer keys = srtp;
            srtp = null;
            if (keys != null) {
                keys.close();
            }
        }
    }
}
