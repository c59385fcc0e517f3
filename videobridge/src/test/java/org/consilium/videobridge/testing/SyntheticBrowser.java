package org.consilium.videobridge.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.ProtocolVersion;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.dtls.BrowserLikeDtlsClient;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.ice.ConnectivityChecks;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.transport.PacketKind;

/**
 * Plays a browser against the bridge over a real UDP socket on loopback (or, as a browser
 * whose network blocks UDP, over a TCP connection to the bridge's TCP media port with
 * RFC 4571 framing): an ICE check with USE-CANDIDATE, a DTLS-SRTP handshake, then SRTP
 * both ways. For tests (and the load generator); not a WebRTC stack.
 */
public final class SyntheticBrowser implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private volatile Wire wire;
    private final InetSocketAddress bridgeAddress;
    private volatile IceCredentials ice = IceCredentials.random();
    private final BrowserLikeDtlsClient dtlsClient;
    private final BlockingQueue<byte[]> stun = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> dtls = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> media = new LinkedBlockingQueue<>();
    private volatile IceCredentials bridgeIce;
    private volatile SrtpTransformer srtp;
    private volatile DTLSTransport dtlsSession;
    private volatile boolean countOnly;
    private volatile boolean keepsRtcp;
    private volatile MediaObserver observer;
    private final java.util.concurrent.atomic.LongAdder mediaCounted = new java.util.concurrent.atomic.LongAdder();

    /** Offers AES-GCM and AES-CM, as browsers do; the bridge picks GCM. */
    public SyntheticBrowser(InetSocketAddress bridge, Fingerprint bridgeFingerprint) throws SocketException {
        this(bridge, bridgeFingerprint, SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    /** Offers only these SRTP profiles, in this order. */
    public SyntheticBrowser(InetSocketAddress bridge, Fingerprint bridgeFingerprint, SrtpProfile... offered)
            throws SocketException {
        this(new UdpWire(bridge), bridge, bridgeFingerprint, offered);
    }

    private SyntheticBrowser(Wire wire, InetSocketAddress bridge, Fingerprint bridgeFingerprint, SrtpProfile... offered) {
        this.bridgeAddress = bridge;
        this.dtlsClient = new BrowserLikeDtlsClient(bridgeFingerprint, ProtocolVersion.DTLSv12.only(),
                Arrays.stream(offered).mapToInt(SrtpProfile::id).toArray());
        use(wire);
    }

    /** Sends and receives on {@code next} from now on, with a reader of its own; the previous wire is closed. */
    private void use(Wire next) {
        Wire previous = wire;
        wire = next;
        if (previous != null) {
            previous.close();
        }
        Thread reader = new Thread(() -> read(next), "synthetic-browser-" + next.localAddress().getPort());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * An ICE restart as {@code pc.restartIce()} makes it: new own ICE credentials for the next
     * offer, the same certificate (so the same DTLS association and SRTP keys); with
     * {@code newAddress}, from a new UDP socket too, as after a network change.
     */
    public void restartIce(boolean newAddress) throws SocketException {
        ice = IceCredentials.random();
        if (newAddress) {
            use(new UdpWire(bridgeAddress));
        }
    }

    /**
     * Sends one nominating check under the given credentials and tells whether the bridge
     * answered it within {@code wait}. On an answer, the bridge's side becomes {@code bridgeSide}.
     */
    public boolean checkIn(LocalTransport bridgeSide, String ownUfrag, Duration wait) throws Exception {
        IceCredentials credentials = new IceCredentials(bridgeSide.iceUfrag(), bridgeSide.icePassword());
        stun.clear();
        sendRaw(ConnectivityChecks.check(credentials, ownUfrag, true));
        byte[] answer = stun.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null || StunMessage.parse(answer, 0, answer.length).type() != StunMessage.BINDING_SUCCESS) {
            return false;
        }
        bridgeIce = credentials;
        return true;
    }

    /**
     * A browser whose network lets no UDP through: it connects to the bridge's TCP media
     * port (ICE-TCP, active side) and everything, checks included, goes over that connection.
     */
    public static SyntheticBrowser overTcp(InetSocketAddress bridgeTcp, Fingerprint bridgeFingerprint) throws IOException {
        return new SyntheticBrowser(new TcpWire(bridgeTcp), bridgeTcp, bridgeFingerprint,
                SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    /**
     * A browser joining without SDP (Colibri2 style): the endpoint learns its ufrag,
     * fingerprint and sources, then ICE and DTLS run; returns once the endpoint is connected.
     */
    public static SyntheticBrowser join(InetSocketAddress bridge, Endpoint endpoint, List<MediaSource> sources)
            throws Exception {
        return join(new SyntheticBrowser(bridge, endpoint.localTransport().fingerprint()), endpoint, sources);
    }

    /** As {@link #join(InetSocketAddress, Endpoint, List)}, over TCP to the bridge's TCP media port. */
    public static SyntheticBrowser joinOverTcp(InetSocketAddress bridgeTcp, Endpoint endpoint, List<MediaSource> sources)
            throws Exception {
        return join(overTcp(bridgeTcp, endpoint.localTransport().fingerprint()), endpoint, sources);
    }

    private static SyntheticBrowser join(SyntheticBrowser browser, Endpoint endpoint, List<MediaSource> sources)
            throws Exception {
        try {
            endpoint.setRemoteTransport(browser.iceUfrag(), browser.fingerprint());
            endpoint.setSources(sources);
            browser.connect(endpoint.localTransport());
            Eventually.until(TIMEOUT, endpoint::isConnected, endpoint.id() + " connected");
            return browser;
        } catch (Exception | Error failed) {
            browser.close();
            throw failed;
        }
    }

    public String iceUfrag() {
        return ice.ufrag();
    }

    public String icePassword() {
        return ice.password();
    }

    public Fingerprint fingerprint() {
        return dtlsClient.fingerprint();
    }

    public InetSocketAddress address() {
        return wire.localAddress();
    }

    /** ICE check (nominating), then the DTLS handshake; returns when SRTP keys are in place. */
    public void connect(LocalTransport bridgeSide) throws Exception {
        bridgeIce = new IceCredentials(bridgeSide.iceUfrag(), bridgeSide.icePassword());
        sendRaw(ConnectivityChecks.check(bridgeIce, ice.ufrag(), true));
        byte[] answer = stun.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null || StunMessage.parse(answer, 0, answer.length).type() != StunMessage.BINDING_SUCCESS) {
            throw new IOException("no ICE answer from the bridge");
        }
        dtlsSession = new DTLSClientProtocol().connect(dtlsClient, new SocketDatagramTransport());
        srtp = SrtpTransformer.forBrowser(dtlsClient.srtpKeys());
    }

    /** The smallest protected DTLS record of the cipher suite the bridge chose, once connected. */
    public int dtlsMinimumProtectedLength() {
        return dtlsClient.minimumProtectedLength();
    }

    /** Sends application data over the DTLS session, authenticated as a browser's data channel would be. */
    public void sendDtlsApplicationData(byte[] data) throws IOException {
        dtlsSession.send(data, 0, data.length);
    }

    /** Ends the DTLS session with an authenticated close_notify, as a browser closing its connection does. */
    public void closeDtls() throws IOException {
        dtlsSession.close();
    }

    /**
     * A consent freshness check (RFC 7675), as a browser sends every few seconds: without
     * one the bridge stops sending to this address 30 s after the last. Answers are discarded.
     */
    public void refreshConsent() throws IOException {
        stun.clear();
        sendRaw(ConnectivityChecks.check(bridgeIce, ice.ufrag(), false));
    }

    /** Encrypts and sends an RTP packet. @return the encrypted bytes (for replay tests) */
    public byte[] sendRtp(int ssrc, int sequence, int payloadType, byte[] payload) throws IOException {
        byte[] wire = encryptRtp(ssrc, sequence, payloadType, payload);
        sendRaw(wire);
        return wire;
    }

    /** The SRTP packet as it would go on the wire, without sending it. */
    public byte[] encryptRtp(int ssrc, int sequence, int payloadType, byte[] payload) {
        byte[] plain = new byte[12 + payload.length];
        plain[0] = (byte) 0x80;
        plain[1] = (byte) payloadType;
        plain[2] = (byte) (sequence >>> 8);
        plain[3] = (byte) sequence;
        plain[8] = (byte) (ssrc >>> 24);
        plain[9] = (byte) (ssrc >>> 16);
        plain[10] = (byte) (ssrc >>> 8);
        plain[11] = (byte) ssrc;
        System.arraycopy(payload, 0, plain, 12, payload.length);
        return encryptRtp(plain);
    }

    /** Encrypts and sends an RTP packet given whole (header extensions and all). @return the encrypted bytes */
    public byte[] sendRtp(byte[] plain) throws IOException {
        byte[] wire = encryptRtp(plain);
        sendRaw(wire);
        return wire;
    }

    private byte[] encryptRtp(byte[] plain) {
        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        if (srtp.encryptRtp(packet) != SrtpOutcome.OK) {
            throw new IllegalStateException("could not encrypt");
        }
        return packet.toArray();
    }

    public void sendRtcp(byte[] plain) throws IOException {
        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        if (srtp.encryptRtcp(packet) != SrtpOutcome.OK) {
            throw new IllegalStateException("could not encrypt");
        }
        sendRaw(packet.toArray());
    }

    /** Sends a datagram (over TCP: one frame). */
    public void sendRaw(byte[] datagram) throws IOException {
        wire.send(datagram, 0, datagram.length);
    }

    /**
     * From now on, media from the bridge is only counted, not queued or decrypted: what a
     * load generator needs to take thousands of packets a second without growing.
     */
    public void countMediaOnly() {
        countMediaOnly(null);
    }

    /** As {@link #countMediaOnly()}; each RTP packet's clear header also goes to {@code observer} (reader thread). */
    public void countMediaOnly(MediaObserver observer) {
        this.observer = observer;
        countOnly = true;
        media.clear();
    }

    /**
     * As {@link #countMediaOnly(MediaObserver)}, but the bridge's RTCP is still queued, for
     * {@link #pollRtcp} to take (a publisher that answers keyframe requests must drain it).
     */
    public void countMediaOnlyKeepingRtcp(MediaObserver observer) {
        keepsRtcp = true;
        countMediaOnly(observer);
    }

    /** Sees each RTP packet the bridge sends, still encrypted (the header is in the clear). */
    @FunctionalInterface
    public interface MediaObserver {
        void rtp(byte[] packet, int length, long nowNanos);
    }

    /** RTP datagrams counted since {@link #countMediaOnly()} (the bridge's RTCP is not counted). */
    public long mediaCounted() {
        return mediaCounted.sum();
    }

    /** The next RTP packet from the bridge, decrypted; null if none within {@code wait}. */
    public MediaPacket receiveRtp(Duration wait) throws InterruptedException {
        return receive(wait, false);
    }

    /**
     * Throws the next RTP datagram away undecrypted, as if the network lost it (so SRTP's
     * replay window has not seen it and a retransmission is accepted). False if none came.
     */
    public boolean loseNextRtp(Duration wait) throws InterruptedException {
        return nextRtpDatagram(wait) != null;
    }

    /**
     * The next RTP datagram from the bridge as it came off the wire, still encrypted (so
     * SRTP's replay window has not seen it); null if none came within {@code wait}.
     */
    public byte[] nextRtpDatagram(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            byte[] datagram = left > 0 ? media.poll(left, TimeUnit.NANOSECONDS) : null;
            if (datagram == null || !Rtp.isRtcp(MediaPacket.copyOf(datagram, 0, datagram.length))) {
                return datagram;
            }
        }
    }

    /** Decrypts an RTP datagram taken with {@link #nextRtpDatagram}. */
    public SrtpOutcome decryptRtp(MediaPacket datagram) {
        return srtp.decryptRtp(datagram);
    }

    /** The SRTP profile the bridge chose, once connected. */
    public SrtpProfile srtpProfile() {
        return dtlsClient.srtpKeys().profile();
    }

    /** The next RTCP packet from the bridge, decrypted; null if none within {@code wait}. */
    public MediaPacket receiveRtcp(Duration wait) throws InterruptedException {
        return receive(wait, true);
    }

    /**
     * The next RTCP packet the bridge already sent, decrypted, without waiting; null when
     * none is queued (see {@link #countMediaOnlyKeepingRtcp}).
     */
    public MediaPacket pollRtcp() {
        byte[] datagram;
        while ((datagram = media.poll()) != null) {
            MediaPacket packet = MediaPacket.copyOf(datagram, 0, datagram.length);
            if (Rtp.isRtcp(packet) && srtp.decryptRtcp(packet) == SrtpOutcome.OK) {
                return packet;
            }
        }
        return null;
    }

    private MediaPacket receive(Duration wait, boolean rtcp) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            byte[] datagram = left > 0 ? media.poll(left, TimeUnit.NANOSECONDS) : null;
            if (datagram == null) {
                return null;
            }
            MediaPacket packet = MediaPacket.copyOf(datagram, 0, datagram.length);
            if (Rtp.isRtcp(packet) != rtcp) {
                continue;
            }
            SrtpOutcome outcome = rtcp ? srtp.decryptRtcp(packet) : srtp.decryptRtp(packet);
            if (outcome == SrtpOutcome.OK) {
                return packet;
            }
        }
    }

    private void read(Wire from) {
        byte[] buffer = new byte[2048];
        try {
            while (true) {
                int length = from.receive(buffer);
                if (length <= 0) {
                    continue;
                }
                if (countOnly && PacketKind.of(buffer[0]) == PacketKind.RTP_RTCP) {
                    int type = buffer[1] & 0x7F;
                    if (type < 64 || type > 95) { // RTCP packet types 192-223 (RFC 5761 §4)
                        mediaCounted.increment();
                        MediaObserver seen = observer;
                        if (seen != null) {
                            seen.rtp(buffer, length, System.nanoTime());
                        }
                    } else if (keepsRtcp) {
                        media.add(Arrays.copyOf(buffer, length));
                    }
                    continue;
                }
                byte[] copy = Arrays.copyOf(buffer, length);
                switch (PacketKind.of(copy[0])) {
                    case STUN -> stun.add(copy);
                    case DTLS -> dtls.add(copy);
                    case RTP_RTCP -> media.add(copy);
                    default -> { }
                }
            }
        } catch (IOException closed) {
            // close()
        }
    }

    @Override
    public void close() {
        wire.close();
        if (srtp != null) {
            srtp.close();
        }
    }

    /** The DTLS client's datagrams: out through the socket, in from the reader's DTLS queue. */
    private final class SocketDatagramTransport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 2048;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buffer, int offset, int length, int waitMillis) throws IOException {
            try {
                byte[] record = dtls.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                int copied = Math.min(length, record.length);
                System.arraycopy(record, 0, buffer, offset, copied);
                return copied;
            } catch (InterruptedException interrupted) {
                throw new IOException(interrupted);
            }
        }

        @Override
        public void send(byte[] buffer, int offset, int length) throws IOException {
            wire.send(buffer, offset, length);
        }

        @Override
        public void close() {
        }
    }

    /** How packets travel between this browser and the bridge. */
    private interface Wire {
        void send(byte[] buffer, int offset, int length) throws IOException;

        /** Blocks for the next packet; @return its length; throws once closed */
        int receive(byte[] buffer) throws IOException;

        InetSocketAddress localAddress();

        void close();
    }

    private static final class UdpWire implements Wire {
        private final DatagramSocket socket;
        private final InetSocketAddress bridge;
        private final DatagramPacket incoming = new DatagramPacket(new byte[0], 0);

        UdpWire(InetSocketAddress bridge) throws SocketException {
            this.bridge = bridge;
            this.socket = new DatagramSocket(new InetSocketAddress(bridge.getAddress(), 0));
            this.socket.setReceiveBufferSize(4 << 20); // a browser's socket drains faster than our reader thread under load
        }

        @Override
        public void send(byte[] buffer, int offset, int length) throws IOException {
            socket.send(new DatagramPacket(buffer, offset, length, bridge));
        }

        @Override
        public int receive(byte[] buffer) throws IOException {
            incoming.setData(buffer);
            socket.receive(incoming);
            return incoming.getLength();
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** RFC 4571: each packet behind its 16-bit length, on one connection. */
    private static final class TcpWire implements Wire {
        private final Socket socket;
        private final DataOutputStream out;
        private final DataInputStream in;

        TcpWire(InetSocketAddress bridge) throws IOException {
            this.socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(bridge, (int) TIMEOUT.toMillis());
            this.out = new DataOutputStream(socket.getOutputStream());
            this.in = new DataInputStream(socket.getInputStream());
        }

        @Override
        public void send(byte[] buffer, int offset, int length) throws IOException {
            synchronized (out) { // the DTLS engine's thread and the test's: one frame at a time
                out.writeShort(length);
                out.write(buffer, offset, length);
                out.flush();
            }
        }

        @Override
        public int receive(byte[] buffer) throws IOException {
            int length = in.readUnsignedShort();
            if (length > buffer.length) {
                throw new EOFException("a frame longer than any datagram: " + length);
            }
            in.readFully(buffer, 0, length);
            return length;
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
