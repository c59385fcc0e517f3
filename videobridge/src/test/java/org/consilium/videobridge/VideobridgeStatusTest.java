package org.consilium.videobridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status an owner shows to monitoring, and the port released however the bridge ends. */
class VideobridgeStatusTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void statusTellsThePortTheAdvertisedAddressesAndTheLoad() throws Exception {
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            bridge.conference("tele-icu").allocateEndpoint("hub");
            bridge.conference("tele-icu").allocateEndpoint("bed-4");
            bridge.conference("tumor-board").allocateEndpoint("pathology");

            BridgeStatus status = bridge.status();

            assertEquals(bridge.mediaAddress(), status.mediaAddress());
            assertEquals(List.of(LOOPBACK), status.advertisedAddresses());
            assertEquals(2, status.conferences());
            assertEquals(3, status.endpoints());
            assertTrue(status.running(), status.toString());

            bridge.expireConference("tele-icu");
            assertEquals(1, bridge.status().conferences());
            assertEquals(1, bridge.status().endpoints());
        }
    }

    @Test
    void afterCloseTheStatusStillTellsThePortWhichIsFreeAgain() throws Exception {
        Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor);
        bridge.conference("visit").allocateEndpoint("patient");
        InetSocketAddress bound = bridge.mediaAddress();

        bridge.close();

        BridgeStatus status = bridge.status();
        assertFalse(status.running());
        assertEquals(Optional.of("the bridge is closed"), status.problem());
        assertEquals(bound, status.mediaAddress());
        assertEquals(0, status.conferences());
        try (DatagramChannel again = DatagramChannel.open().bind(bound)) {
            assertEquals(bound, again.getLocalAddress());
        }
    }

    @Test
    void anOwnerReportsABridgeThatIsNotRunningWithTheReason() {
        BridgeStatus status = BridgeStatus.notRunning(BridgeConfig.loopback(), "cannot open the media port: in use");

        assertFalse(status.running());
        assertEquals(Optional.of("cannot open the media port: in use"), status.problem());
        assertEquals(List.of(LOOPBACK), status.advertisedAddresses());
        assertEquals(0, status.conferences() + status.endpoints());
    }

    @Test
    void aStartThatFailsAfterTheBindReleasesThePort() throws Exception {
        InetSocketAddress free;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            free = (InetSocketAddress) probe.getLocalAddress();
        }
        BridgeConfig config = new BridgeConfig(free, List.of(LOOPBACK));

        assertThrows(RejectedExecutionException.class, () -> Videobridge.start(config, task -> {
            throw new RejectedExecutionException("no threads");
        }));

        try (DatagramChannel again = DatagramChannel.open().bind(free)) {
            assertEquals(free, again.getLocalAddress());
        }
    }

    @Test
    void aTcpMediaPortIsInTheStatusAndFreeAgainAfterClose() throws Exception {
        Videobridge bridge = Videobridge.start(BridgeConfig.loopback().withTcpPort(0), executor);
        InetSocketAddress tcp = bridge.tcpMediaAddress().orElseThrow();
        assertEquals(Optional.of(tcp), bridge.status().tcpMediaAddress());
        assertEquals(List.of(LOOPBACK), bridge.status().advertisedAddresses(), "each address once, UDP and TCP alike");

        bridge.close();

        try (ServerSocketChannel again = ServerSocketChannel.open().bind(tcp)) {
            assertEquals(tcp, again.getLocalAddress());
        }
    }

    @Test
    void aTcpPortInUseFailsTheStartAndReleasesTheUdpPort() throws Exception {
        InetSocketAddress free;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            free = (InetSocketAddress) probe.getLocalAddress();
        }
        try (ServerSocketChannel taken = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            BridgeConfig config = new BridgeConfig(free, List.of(LOOPBACK))
                    .withTcpPort(((InetSocketAddress) taken.getLocalAddress()).getPort());

            assertThrows(BindException.class, () -> Videobridge.start(config, executor));
        }
        try (DatagramChannel again = DatagramChannel.open().bind(free)) {
            assertEquals(free, again.getLocalAddress());
        }
    }
}
