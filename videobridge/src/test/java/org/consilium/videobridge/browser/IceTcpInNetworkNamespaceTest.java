package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.transport.TcpMediaConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hospital VLAN that blocks UDP: inside the test's own network namespace (see
 * src/test/netns), nftables drops every UDP packet leaving any process, the bridge's and the
 * browsers' alike. Chromium and Firefox ESR still join, over ICE-TCP to the bridge's TCP
 * media port, and decode each other's video and receive each other's audio; their selected
 * candidate pairs are TCP ones to the bridge's passive candidate, and the bridge sends to
 * each over its connection.
 */
class IceTcpInNetworkNamespaceTest {

    private static final Path NFT = Path.of("/usr/sbin/nft");
    /** A table of this test's own, removed afterwards: other tests in the namespace keep UDP. */
    private static final String TABLE = "consilium_udp_blocked";

    private static CallTestBed bed;
    private static Participants call;
    private static boolean udpBlocked;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        Firefox.assumeInstalled();
        InetAddress address = NetworkNamespace.address();
        Prerequisite.require(Files.isExecutable(NFT), "nftables is not installed (./consilium test installs it)");
        nft("add table inet " + TABLE);
        udpBlocked = true;
        nft("add chain inet " + TABLE + " out { type filter hook output priority 0 ; }");
        nft("add rule inet " + TABLE + " out meta l4proto udp counter drop");
        bed = new CallTestBed(new BridgeConfig(new InetSocketAddress(address, 0), List.of(address)).withTcpPort(0),
                "ward-7-udp-blocked");
        call = bed.call;
        call.add("firefox", new Firefox());
        call.add("chromium", new Chromium());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (bed != null) {
                bed.close();
            }
        } finally {
            if (udpBlocked) {
                nft("delete table inet " + TABLE);
            }
        }
    }

    @Test
    void chromiumAndFirefoxJoinOverIceTcpWhenUdpIsBlocked() throws Exception {
        call.join("chromium", 320, 240, 15);
        call.join("firefox", 320, 240, 15);
        call.awaitEveryoneSeesEveryone();

        int tcpPort = bed.bridge.tcpMediaAddress().orElseThrow().getPort();
        for (String name : List.of("chromium", "firefox")) {
            Map<String, Object> pair = selectedPair(name);
            assertEquals("tcp", pair.get("localProtocol"), name + "'s selected pair: " + pair);
            assertEquals("tcp", pair.get("remoteProtocol"), name + "'s selected pair: " + pair);
            assertEquals(tcpPort, Participants.number(pair.get("remotePort")), 0, name + "'s selected pair: " + pair);
            assertTrue(Participants.number(pair.get("bytesReceived")) > 0, name + " received on it: " + pair);
            assertInstanceOf(TcpMediaConnection.class, bed.conference.endpoint(name).orElseThrow().ice().selectedPath(),
                    "the bridge sends to " + name + " over its connection");
            assertEquals(List.of(), call.pageErrors(name));
        }
        assertTrue(udpPacketsDropped() > 0, "the browsers did try UDP, and the namespace dropped it");
        assertEquals(0, bed.bridge.counters().dropCount(DropReason.TCP_UNCHECKED_TRAFFIC, DropReason.TCP_FRAME_TOO_LONG,
                DropReason.TCP_NO_CHECK_IN_TIME, DropReason.TCP_CONNECTION_LIMIT, DropReason.INTERNAL_ERROR),
                "real browsers break none of the TCP port's rules: " + bed.bridge.counters().dropsByReason());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selectedPair(String name) {
        Object pair = call.browser(name).stats().get("selectedPair");
        assertTrue(pair instanceof Map, name + " reports no selected candidate pair: " + call.browser(name).stats());
        return (Map<String, Object>) pair;
    }

    private static long udpPacketsDropped() throws Exception {
        Matcher counter = Pattern.compile("counter packets (\\d+)").matcher(nft("list chain inet " + TABLE + " out"));
        return counter.find() ? Long.parseLong(counter.group(1)) : 0;
    }

    private static String nft(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(NFT.toString(), command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nft " + command + " failed: " + output);
        }
        return output;
    }
}
