package org.consilium.videobridge.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

/** The media port over real loopback sockets: checks answered, data demultiplexed, bad input counted. */
class UdpTransportTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final byte[] DTLS_RECORD = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};

    private final TransportCounters counters = new TransportCounters();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final RecordingEndpoint endpoint = new RecordingEndpoint();
    private UdpTransport transport;
    private EndpointDemultiplexer demux;
    private DatagramSocket browser;

    @BeforeEach
    void start() throws Exception {
        transport = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), counters);
        demux = new EndpointDemultiplexer(transport, counters);
        demux.register(endpoint);
        transport.start(demux, executor);
        browser = socket();
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        executor.shutdownNow();
        browser.close();
    }

    @Test
    void aCheckIsAnsweredAndThenDtlsFromThatAddressReachesTheEndpoint() throws Exception {
        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));
        StunMessage answer = receiveStun(browser);
        assertEquals(StunMessage.BINDING_SUCCESS, answer.type());
        assertTrue(answer.hasValidIntegrity(endpoint.credentials.passwordBytes()));
        assertEquals(browser.getLocalSocketAddress(), answer.xorMappedAddress());

        send(browser, DTLS_RECORD);

        assertArrayEquals(DTLS_RECORD, endpoint.received.poll(5, TimeUnit.SECONDS));
        assertEquals(PacketKind.DTLS, endpoint.kinds.poll());
    }

    @Test
    void dataFromAnAddressNoCheckVouchedForIsDropped() throws Exception {
        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));
        receiveStun(browser);
        try (DatagramSocket intruder = socket()) {
            send(intruder, DTLS_RECORD);
            send(intruder, new byte[] {(byte) 0x80, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7});

            Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.UNKNOWN_ADDRESS) == 2, "two drops");
        }
        assertNull(endpoint.received.poll());
    }

    @Test
    void garbageAndForgedChecksAreCountedAndTheLoopLivesOn() throws Exception {
        Random random = new Random(7983);
        int sent = 0;
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            send(browser, junk);
            sent++;
        }
        send(browser, ConnectivityChecks.check(endpoint.credentials.ufrag() + ":brws", "y".repeat(24).getBytes(), true, true));
        send(browser, ConnectivityChecks.check("unknown1:brws", endpoint.credentials.passwordBytes(), true, true));
        send(browser, Arrays.copyOf(ConnectivityChecks.check(endpoint.credentials, "brws", true), 40));
        sent += 3;
        int expected = sent;

        Eventually.until(DEADLINE, () -> counters.droppedTotal() == expected, "every bad packet counted");
        assertEquals(1, counters.dropCount(DropReason.BAD_MESSAGE_INTEGRITY));
        assertEquals(0, counters.dropCount(DropReason.INTERNAL_ERROR));
        assertNull(endpoint.ice.selectedAddress(), "no bad packet moved the endpoint");

        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));
        assertEquals(StunMessage.BINDING_SUCCESS, receiveStun(browser).type());
    }

    @Test
    void aStageThatThrowsCostsOnlyThatPacket() throws Exception {
        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));
        receiveStun(browser);
        endpoint.failNext.set(true);

        send(browser, DTLS_RECORD);
        Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.INTERNAL_ERROR) == 1, "the failure counted");
        send(browser, DTLS_RECORD);

        assertArrayEquals(DTLS_RECORD, endpoint.received.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void anUnregisteredEndpointIsForgotten() throws Exception {
        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));
        receiveStun(browser);

        demux.unregister(endpoint);
        send(browser, DTLS_RECORD);
        send(browser, ConnectivityChecks.check(endpoint.credentials, "brws", true));

        Eventually.until(DEADLINE, () -> counters.dropCount(DropReason.UNKNOWN_ADDRESS, DropReason.UNKNOWN_ICE_UFRAG) == 2, "both dropped");
    }

    @Test
    void closingReleasesThePort() throws Exception {
        InetSocketAddress bound = transport.localAddress();
        transport.close();

        try (DatagramSocket again = new DatagramSocket(bound)) {
            assertEquals(bound.getPort(), again.getLocalPort());
        }
    }

    @Test
    void receivingUntilClosedOrUntilAnErrorEndsTheLoop() throws Exception {
        assertTrue(transport.receiving());
        ExecutorService quiet = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task);
            thread.setUncaughtExceptionHandler((t, simulated) -> { });
            return thread;
        });
        try (UdpTransport failing = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), counters)) {
            assertFalse(failing.receiving(), "not started yet");
            failing.start((buffer, offset, length, from) -> {
                throw new OutOfMemoryError("simulated: a stage ran out of memory");
            }, quiet);
            assertTrue(failing.receiving());

            browser.send(new DatagramPacket(DTLS_RECORD, DTLS_RECORD.length, failing.localAddress()));

            Eventually.until(DEADLINE, () -> !failing.receiving(), "the loop ended by the error");
        } finally {
            quiet.shutdownNow();
        }
        transport.close();
        assertFalse(transport.receiving(), "closed");
    }

    @Test
    void anExecutorThatRefusesTheLoopLeavesThePortUnstarted() throws Exception {
        try (UdpTransport refused = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), counters)) {
            assertThrows(RejectedExecutionException.class, () -> refused.start(demux, task -> {
                throw new RejectedExecutionException("no threads");
            }));
            assertFalse(refused.receiving());
        } // and close() does not wait for a loop that never ran
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    private void send(DatagramSocket from, byte[] bytes) throws Exception {
        from.send(new DatagramPacket(bytes, bytes.length, transport.localAddress()));
    }

    private static StunMessage receiveStun(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        socket.receive(packet);
        return StunMessage.parse(packet.getData(), 0, packet.getLength());
    }

    private static final class RecordingEndpoint implements TransportEndpoint {
        final IceCredentials credentials = IceCredentials.random();
        final IceLiteAgent ice = new IceLiteAgent(credentials);
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        final BlockingQueue<PacketKind> kinds = new LinkedBlockingQueue<>();
        final AtomicBoolean failNext = new AtomicBoolean();

        @Override
        public IceLiteAgent ice() {
            return ice;
        }

        @Override
        public void receive(PacketKind kind, byte[] buffer, int offset, int length) {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("stage bug");
            }
            kinds.add(kind);
            received.add(Arrays.copyOfRange(buffer, offset, offset + length));
        }
    }
}
