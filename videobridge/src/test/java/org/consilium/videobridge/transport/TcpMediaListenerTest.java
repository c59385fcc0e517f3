package org.consilium.videobridge.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.ice.ConnectivityChecks;
import org.consilium.videobridge.ice.IceCredentials;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;
import org.consilium.videobridge.stun.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP media port over real loopback connections, served by a real UDP port's loop:
 * checks answered in frames, then DTLS on the same connection; every rule breaker (garbage
 * first, a frame too long, a slow trickle, a flood of connections) closed and counted,
 * while the UDP port keeps answering.
 */
class TcpMediaListenerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Long enough for a loaded machine to build and send a check after connecting (first use of HMAC included). */
    private static final Duration CHECK_DEADLINE = Duration.ofSeconds(1);
    private static final byte[] DTLS_RECORD = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};

    private final TransportCounters counters = new TransportCounters();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final RecordingEndpoint endpoint = new RecordingEndpoint();
    private final List<Socket> sockets = new ArrayList<>();
    private UdpTransport udp;
    private TcpMediaListener tcp;

    @BeforeEach
    void start() throws Exception {
        udp = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), counters);
        EndpointDemultiplexer demux = new EndpointDemultiplexer(udp, counters);
        demux.register(endpoint);
        tcp = TcpMediaListener.bind(new InetSocketAddress("127.0.0.1", 0), demux, counters,
                new TcpLimits(3, 2, CHECK_DEADLINE));
        udp.start(demux, executor, List.of(tcp));
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        udp.close();
        executor.shutdownNow();
    }

    @Test
    void aCheckIsAnsweredInAFrameAndThenDtlsOnThatConnectionReachesTheEndpointAndBack() throws Exception {
        byte[] check = ConnectivityChecks.check(endpoint.credentials, "brws", true);
        Socket browser = connect("127.0.0.1");
        sendFrame(browser, check);

        StunMessage answer = parse(readFrame(browser));
        assertEquals(StunMessage.BINDING_SUCCESS, answer.type());
        assertTrue(answer.hasValidIntegrity(endpoint.credentials.passwordBytes()));
        assertEquals(browser.getLocalSocketAddress(), answer.xorMappedAddress());
        TcpMediaConnection path = assertInstanceOf(TcpMediaConnection.class, endpoint.ice.selectedPath());

        // the record split across three writes: the frame comes out whole
        OutputStream out = browser.getOutputStream();
        out.write(new byte[] {0, (byte) DTLS_RECORD.length, DTLS_RECORD[0]});
        out.flush();
        out.write(DTLS_RECORD, 1, 5);
        out.flush();
        out.write(DTLS_RECORD, 6, DTLS_RECORD.length - 6);
        out.flush();
        assertArrayEquals(DTLS_RECORD, endpoint.received.poll(5, TimeUnit.SECONDS));

        byte[] toBrowser = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 42};
        path.send(toBrowser, 0, toBrowser.length);
        assertArrayEquals(toBrowser, readFrame(browser));
        assertEquals(0, counters.droppedTotal());
    }

    @Test
    void garbageOrMediaBeforeAnAnsweredCheckClosesTheConnection() throws Exception {
        Socket garbage = connect("127.0.0.1");
        sendFrame(garbage, new byte[] {(byte) 0xFF, 1, 2, 3});
        assertClosedByBridge(garbage);

        Socket early = connect("127.0.0.1");
        sendFrame(early, DTLS_RECORD);
        assertClosedByBridge(early);

        Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.TCP_UNCHECKED_TRAFFIC) == 2, "two closed");
        assertNull(endpoint.received.poll(), "nothing reached the endpoint");
        assertNull(endpoint.ice.selectedPath());
    }

    @Test
    void aForgedCheckClosesTheConnectionAndMovesNothing() throws Exception {
        byte[] forged = ConnectivityChecks.check(endpoint.credentials.ufrag() + ":brws", "z".repeat(24).getBytes(), true, true);
        Socket forger = connect("127.0.0.1");
        sendFrame(forger, forged);

        assertClosedByBridge(forger);
        assertEquals(1, counters.dropCount(DropReason.BAD_MESSAGE_INTEGRITY));
        Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.TCP_UNCHECKED_TRAFFIC) == 1, "closed and counted");
        assertNull(endpoint.ice.selectedPath());
    }

    @Test
    void randomFramesOnACheckedConnectionAreCountedOrHandedOnAndTheConnectionCarriesOn() throws Exception {
        Socket browser = checkedConnection();
        Random random = new Random(4571);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        int sent = 500;
        for (int i = 0; i < sent; i++) {
            byte[] junk = new byte[1 + random.nextInt(TcpMediaListener.MAX_FRAME_LENGTH)];
            random.nextBytes(junk);
            burst.writeBytes(frame(junk));
        }
        browser.getOutputStream().write(burst.toByteArray()); // one write: frames cut wherever TCP cuts them
        browser.getOutputStream().flush();

        // DTLS- and RTP-like frames reach the endpoint (which checks them itself); the rest is counted at the port
        Eventually.until(DEADLINE, () -> counters.droppedTotal() + endpoint.received.size() == sent, "every frame accounted for");
        assertEquals(0, counters.dropCount(DropReason.INTERNAL_ERROR, DropReason.TCP_UNCHECKED_TRAFFIC,
                DropReason.TCP_FRAME_TOO_LONG));
        sendFrame(browser, ConnectivityChecks.check(endpoint.credentials, "brws", false));
        assertEquals(StunMessage.BINDING_SUCCESS, parse(readFrame(browser)).type(), "the connection still works");
    }

    @Test
    void aFrameLongerThanADatagramClosesTheConnection() throws Exception {
        Socket browser = checkedConnection();
        OutputStream out = browser.getOutputStream();
        out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});
        out.flush();

        assertClosedByBridge(browser);
        Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.TCP_FRAME_TOO_LONG) == 1, "counted");
        Eventually.until(DEADLINE, () -> !endpoint.ice.hasConsent(), "the closed connection is no longer the endpoint's path");
    }

    @Test
    void aConnectionThatTricklesBytesWithoutACheckIsClosedAtTheDeadline() throws Exception {
        Socket slow = connect("127.0.0.1");
        byte[] check = frame(ConnectivityChecks.check(endpoint.credentials, "brws", true));
        OutputStream out = slow.getOutputStream();
        out.write(check, 0, 3); // a frame begun, never finished
        out.flush();

        assertClosedByBridge(slow);
        assertEquals(1, counters.dropCount(DropReason.TCP_NO_CHECK_IN_TIME));
        assertNull(endpoint.ice.selectedPath());
    }

    @Test
    void connectionsBeyondTheCapsAreRefusedAndTheUdpPortKeepsAnswering() throws Exception {
        Socket first = checkedConnection("127.0.0.1");
        checkedConnection("127.0.0.1");
        Socket thirdFromSameAddress = connect("127.0.0.1");
        assertClosedByBridge(thirdFromSameAddress);
        checkedConnection("127.0.0.2");
        Socket beyondTheTotal = connect("127.0.0.3");
        assertClosedByBridge(beyondTheTotal);
        assertEquals(2, counters.dropCount(DropReason.TCP_CONNECTION_LIMIT));

        try (DatagramSocket udpBrowser = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            udpBrowser.setSoTimeout(5000);
            byte[] check = ConnectivityChecks.check(endpoint.credentials, "udp1", true);
            udpBrowser.send(new DatagramPacket(check, check.length, udp.localAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            udpBrowser.receive(answer);
            assertEquals(StunMessage.BINDING_SUCCESS, StunMessage.parse(answer.getData(), 0, answer.getLength()).type());
        }

        // a browser that leaves frees its place
        first.close();
        Eventually.until(DEADLINE, () -> {
            byte[] check = ConnectivityChecks.check(endpoint.credentials, "brws", true);
            try (Socket again = connect("127.0.0.3")) {
                sendFrame(again, check);
                return parse(readFrame(again)).type() == StunMessage.BINDING_SUCCESS;
            } catch (Exception refused) {
                return false;
            }
        }, "a place free again");
        assertEquals(0, counters.dropCount(DropReason.TCP_NO_CHECK_IN_TIME, DropReason.TCP_UNCHECKED_TRAFFIC));
    }

    @Test
    void aBrowserThatDoesNotReadCostsDroppedFramesNeverABlockedSenderNorABrokenStream() throws Exception {
        Socket browser = checkedConnection();
        MediaPath path = endpoint.ice.selectedPath();
        byte[] packet = new byte[1200];
        long started = System.nanoTime();
        int sent = 20_000; // 24 MB: more than any socket buffer and the backlog together
        for (int i = 0; i < sent; i++) {
            packet[0] = (byte) 0x80;
            packet[1] = (byte) i;
            path.send(packet, 0, packet.length);
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "sending never waited for the browser");
        assertTrue(counters.sendFailures() > 0, "what did not fit was dropped and counted");

        // the browser reads now: every frame the bridge took comes, whole
        long expected = sent - counters.sendFailures();
        DataInputStream in = new DataInputStream(browser.getInputStream());
        for (long frames = 0; frames < expected; frames++) {
            int length = in.readUnsignedShort();
            assertEquals(packet.length, length, "frame " + frames);
            byte[] body = new byte[length];
            in.readFully(body);
            assertEquals((byte) 0x80, body[0], "frame " + frames);
        }
        browser.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, () -> in.readUnsignedShort(), "nothing beyond what was counted as sent");
    }

    private Socket checkedConnection() throws Exception {
        return checkedConnection("127.0.0.1");
    }

    private Socket checkedConnection(String from) throws Exception {
        byte[] check = ConnectivityChecks.check(endpoint.credentials, "brws", true); // before connecting: the deadline runs
        Socket browser = connect(from);
        sendFrame(browser, check);
        try {
            assertEquals(StunMessage.BINDING_SUCCESS, parse(readFrame(browser)).type());
        } catch (IOException closed) {
            throw new AssertionError("no answer to a valid check; drops " + counters.dropsByReason(), closed);
        }
        return browser;
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(tcp.localAddress(), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static byte[] frame(byte[] payload) {
        return Rfc4571DeframerTest.stream(payload);
    }

    private static void sendFrame(Socket socket, byte[] payload) throws IOException {
        socket.getOutputStream().write(frame(payload));
        socket.getOutputStream().flush();
    }

    private static byte[] readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] payload = new byte[in.readUnsignedShort()];
        in.readFully(payload);
        return payload;
    }

    /** The bridge closed it: the read ends (FIN) or is reset, well before the socket's 5 s timeout. */
    private static void assertClosedByBridge(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // whatever was already on its way
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the bridge did not close the connection", stillOpen);
        } catch (IOException reset) {
            // closed with unread data: a reset
        }
    }

    private static StunMessage parse(byte[] bytes) throws Exception {
        return StunMessage.parse(bytes, 0, bytes.length);
    }

    private static final class RecordingEndpoint implements TransportEndpoint {
        final IceCredentials credentials = IceCredentials.random();
        final IceLiteAgent ice = new IceLiteAgent(credentials);
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

        @Override
        public IceLiteAgent ice() {
            return ice;
        }

        @Override
        public void receive(PacketKind kind, byte[] buffer, int offset, int length) {
            received.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }
    }
}
