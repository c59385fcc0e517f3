package org.consilium.videobridge.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.testing.ForgedDtlsRecords;
import org.junit.jupiter.api.AfterEach;
import org.consilium.videobridge.transport.UdpPath;
import org.junit.jupiter.api.Test;

/** The bridge's DTLS-SRTP server against a BouncyCastle client that behaves like a browser. */
class DtlsSessionTest {

    private static final InetSocketAddress BROWSER = new InetSocketAddress("127.0.0.1", 50000);
    private static final ProtocolVersion[] DTLS12 = ProtocolVersion.DTLSv12.only();

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BridgeCertificate bridge = BridgeCertificate.generate();
    private final RecordingListener listener = new RecordingListener();
    private DtlsSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        executor.shutdownNow();
    }

    @Test
    void bothSidesDeriveTheSameSrtpKeysAndTheBridgePrefersGcm() throws Exception {
        BrowserLikeDtlsClient client = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12,
                SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);

        connect(client, 1200);

        SrtpKeys keys = listener.connected.get(10, TimeUnit.SECONDS);
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, keys.profile());
        assertArrayEquals(client.exported, concat(keys.clientKey(), keys.serverKey(), keys.clientSalt(), keys.serverSalt()));
        assertEquals(16, keys.clientKey().length);
        assertEquals(12, keys.clientSalt().length);
    }

    @Test
    void aesCmHmacSha1IsUsedWhenItIsAllTheBrowserOffers() throws Exception {
        connect(new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80), 1200);

        SrtpKeys keys = listener.connected.get(10, TimeUnit.SECONDS);
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys.profile());
        assertEquals(14, keys.serverSalt().length);
    }

    @Test
    void aClientHelloFragmentedOverManyDatagramsIsReassembled() throws Exception {
        BrowserLikeDtlsClient client = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12, SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);

        ClientTransport transport = connect(client, 80);

        listener.connected.get(10, TimeUnit.SECONDS);
        assertTrue(transport.datagramsBeforeFirstAnswer.get() >= 3,
                "the ClientHello really was fragmented: " + transport.datagramsBeforeFirstAnswer.get() + " datagrams");
    }

    @Test
    void aLargeHelloOfferingDtls13AsFirefoxSendsItGetsDtls12() throws Exception {
        BrowserLikeDtlsClient client = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12, SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);
        client.helloLikeFirefox = true;

        ClientTransport transport = connect(client, 1200);

        listener.connected.get(10, TimeUnit.SECONDS);
        assertEquals(ProtocolVersion.DTLSv12, client.negotiated);
        assertTrue(transport.datagramsBeforeFirstAnswer.get() >= 2, "the hello did not fit one datagram");
    }

    @Test
    void aCertificateThatDoesNotMatchTheSdpFingerprintIsRefused() throws Exception {
        BrowserLikeDtlsClient impostor = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12, SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);
        Fingerprint expected = BridgeCertificate.generate().fingerprint(); // the SDP named another certificate

        ClientTransport transport = startSession(expected, 1200);
        assertThrows(IOException.class, () -> new DTLSClientProtocol().connect(impostor, transport));

        assertTrue(listener.failed.get(10, TimeUnit.SECONDS).contains("bad_certificate"), listener.failed.get());
        assertTrue(!listener.connected.isDone());
        assertTrue(session.isOver());
        long before = listener.dropped(DtlsDropReason.SESSION_OVER); // the impostor may still be repeating itself
        session.receive(new byte[] {22, (byte) 0xFE, (byte) 0xFD}, 0, 3);
        assertTrue(listener.dropped(DtlsDropReason.SESSION_OVER) > before, "a failed session takes no more records");
    }

    @Test
    void aClientWithoutUseSrtpIsRefused() throws Exception {
        BrowserLikeDtlsClient noSrtp = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12);

        ClientTransport transport = startSession(noSrtp.identity.fingerprint(), 1200);
        assertThrows(IOException.class, () -> new DTLSClientProtocol().connect(noSrtp, transport));

        assertTrue(listener.failed.get(10, TimeUnit.SECONDS).contains("handshake_failure"), listener.failed.get());
    }

    @Test
    void afterTheHandshakeEveryForgedRecordIsDroppedWithItsReasonAndTheSessionLives() throws Exception {
        BrowserLikeDtlsClient client = new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12,
                SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);
        ClientTransport transport = connect(client, 1200);
        listener.connected.get(10, TimeUnit.SECONDS);

        for (ForgedDtlsRecords.Forged forged : ForgedDtlsRecords.all(18, client.minimumProtectedLength())) {
            long before = listener.dropped(forged.expected());
            long allBefore = listener.droppedInAll();
            session.receive(forged.datagram(), 0, forged.datagram().length);
            Eventually.until(Duration.ofSeconds(5), () -> listener.droppedInAll() > allBefore, forged + " counted");
            assertEquals(before + 1, listener.dropped(forged.expected()), forged + " counted as " + forged.expected());
            assertEquals(allBefore + 1, listener.droppedInAll(), forged + " counted once");
            assertFalse(session.isOver(), forged + " ended the session");
        }
        long allBefore = listener.droppedInAll();
        transport.association.send(new byte[] {1, 2, 3}, 0, 3); // authentic: read, not counted
        byte[] marker = ForgedDtlsRecords.record(new java.util.Random(1), 23, 1, 99, 40); // read after it
        session.receive(marker, 0, marker.length);
        Eventually.until(Duration.ofSeconds(5), () -> listener.droppedInAll() > allBefore, "the marker counted");
        assertEquals(allBefore + 1, listener.droppedInAll(), "the authentic record was not counted as dropped");
        assertFalse(listener.closed.isDone(), "no forged record closed the session");
        assertTrue(transport.fromServer.stream().noneMatch(d -> d[0] == 21), "the bridge sent the browser no alert");

        transport.association.close(); // an authenticated close_notify does end it

        assertTrue(listener.closed.get(10, TimeUnit.SECONDS).contains("close_notify) (orderly)"), listener.closed.get());
        assertTrue(session.isOver());
    }

    @Test
    void aForgedCloseNotifyOrFatalAlertInTheClearEndsNothing() throws Exception {
        ClientTransport transport = connect(new BrowserLikeDtlsClient(bridge.fingerprint(), DTLS12,
                SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM), 1200);
        listener.connected.get(10, TimeUnit.SECONDS);
        byte[] closeNotify = {21, (byte) 0xFE, (byte) 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 2, 1, 0};
        byte[] fatal = {21, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 2, 2, 40};

        session.receive(closeNotify, 0, closeNotify.length);
        session.receive(fatal, 0, fatal.length);

        Eventually.until(Duration.ofSeconds(5), () -> listener.droppedInAll() == 2, "both counted");
        assertEquals(1, listener.dropped(DtlsDropReason.MALFORMED)); // epoch 1 but too short to be protected
        assertEquals(1, listener.dropped(DtlsDropReason.WRONG_EPOCH)); // epoch 0 after the handshake
        assertFalse(session.isOver());
        assertFalse(listener.closed.isDone());
        assertTrue(transport.fromServer.stream().noneMatch(d -> d[0] == 21), "the bridge sent the browser no alert");
    }

    @Test
    void fingerprintsRoundTripThroughSdpText() {
        Fingerprint fingerprint = bridge.fingerprint();
        assertTrue(fingerprint.toSdpValue().matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertEquals(fingerprint, Fingerprint.parse(fingerprint.toSdpValue().toLowerCase()));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("md5 AB:CD"));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("sha-256 not-hex"));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(null));
    }

    private ClientTransport connect(BrowserLikeDtlsClient client, int sendLimit) throws Exception {
        ClientTransport transport = startSession(client.identity.fingerprint(), sendLimit);
        transport.association = new DTLSClientProtocol().connect(client, transport);
        return transport;
    }

    private ClientTransport startSession(Fingerprint browserFingerprint, int sendLimit) {
        ClientTransport transport = new ClientTransport(sendLimit);
        session = DtlsSession.server(bridge, browserFingerprint,
                () -> new UdpPath((buffer, offset, length, to) -> transport.deliver(buffer, offset, length), BROWSER), listener);
        transport.server = session;
        session.start(executor);
        return transport;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    /** The browser's end of a lossless in-memory path to the session. */
    private static final class ClientTransport implements DatagramTransport {
        final BlockingQueue<byte[]> fromServer = new ArrayBlockingQueue<>(256);
        final AtomicInteger datagramsBeforeFirstAnswer = new AtomicInteger();
        final int sendLimit;
        volatile DtlsSession server;
        volatile DTLSTransport association;
        volatile boolean answered;

        ClientTransport(int sendLimit) {
            this.sendLimit = sendLimit;
        }

        void deliver(byte[] buffer, int offset, int length) {
            answered = true;
            fromServer.offer(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
        }

        @Override
        public int getReceiveLimit() {
            return 2048;
        }

        @Override
        public int getSendLimit() {
            return sendLimit;
        }

        @Override
        public int receive(byte[] buffer, int offset, int length, int waitMillis) throws IOException {
            try {
                byte[] datagram = fromServer.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (datagram == null) {
                    return -1;
                }
                System.arraycopy(datagram, 0, buffer, offset, datagram.length);
                return datagram.length;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void send(byte[] buffer, int offset, int length) {
            if (!answered) {
                datagramsBeforeFirstAnswer.incrementAndGet();
            }
            server.receive(buffer, offset, length);
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingListener implements DtlsSession.Listener {
        final CompletableFuture<SrtpKeys> connected = new CompletableFuture<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final java.util.Map<DtlsDropReason, java.util.concurrent.atomic.LongAdder> drops =
                new java.util.concurrent.ConcurrentHashMap<>();

        long dropped(DtlsDropReason reason) {
            var count = drops.get(reason);
            return count == null ? 0 : count.sum();
        }

        long droppedInAll() {
            return drops.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum();
        }

        @Override
        public void connected(SrtpKeys keys, boolean asClient) {
            connected.complete(keys);
        }

        @Override
        public void failed(String reason) {
            failed.complete(reason);
        }

        @Override
        public void closed(String reason, boolean orderly) {
            closed.complete(reason + (orderly ? " (orderly)" : ""));
        }

        @Override
        public void dropped(DtlsDropReason reason, int count) {
            drops.computeIfAbsent(reason, r -> new java.util.concurrent.atomic.LongAdder()).add(count);
        }
    }
}
