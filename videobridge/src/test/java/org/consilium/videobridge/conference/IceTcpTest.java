package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.ice.HostCandidate;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.consilium.videobridge.transport.TcpMediaConnection;
import org.consilium.videobridge.transport.UdpPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ICE-TCP through the whole bridge: a synthetic browser whose network blocks UDP checks,
 * shakes hands (DTLS) and exchanges SRTP over one TCP connection to the TCP media port,
 * in the same call as one on UDP.
 */
class IceTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int OPUS = 111;
    private static final int VP8 = 96;

    @RegisterExtension
    final LoopbackBridge loopback = LoopbackBridge.withTcp();
    private Videobridge bridge;
    private Conference conference;

    @BeforeEach
    void start() {
        bridge = loopback.bridge();
        conference = bridge.conference("night-shift");
    }

    @Test
    void theBridgeOffersItsTcpPortAsPassiveCandidatesRankedBelowUdp() {
        InetSocketAddress tcp = bridge.tcpMediaAddress().orElseThrow();
        List<HostCandidate> candidates = conference.allocateEndpoint("alice").localTransport().candidates();

        assertEquals(List.of(HostCandidate.Transport.UDP, HostCandidate.Transport.TCP_PASSIVE),
                candidates.stream().map(HostCandidate::transport).toList());
        assertEquals(tcp.getPort(), candidates.get(1).address().getPort());
        assertTrue(candidates.get(1).priority() < candidates.get(0).priority());
        assertEquals(1, bridge.status().advertisedAddresses().size(), "one address, whatever the transports");
    }

    @Test
    void aBrowserOverTcpAndOneOverUdpSeeAndHearEachOther() throws Exception {
        SyntheticBrowser udp = join("udp", false, 0xA1);
        SyntheticBrowser tcp = join("tcp", true, 0xB1);
        Endpoint tcpEndpoint = conference.endpoint("tcp").orElseThrow();
        assertInstanceOf(TcpMediaConnection.class, tcpEndpoint.ice().selectedPath());
        assertInstanceOf(UdpPath.class, conference.endpoint("udp").orElseThrow().ice().selectedPath());

        byte[] voice = payload(80, 1);
        byte[] picture = payload(1100, 2);
        udp.sendRtp(0xA1, 1, OPUS, voice);
        tcp.sendRtp(0xB1, 9, VP8, picture);

        assertPacket(tcp.receiveRtp(WAIT), 0xA1, 1, voice);
        assertPacket(udp.receiveRtp(WAIT), 0xB1, 9, picture);

        udp.sendRtcp(RtcpCompound.pli(0xA1, 0xB1));
        MediaPacket pli = tcp.receiveRtcp(WAIT);
        assertNotNull(pli, "RTCP reaches the publisher over its connection too");
        assertEquals(0xB1, RtcpCompound.feedbackMediaSsrc(pli, 0));
        assertEquals(0, bridge.counters().dropCount(DropReason.TCP_UNCHECKED_TRAFFIC, DropReason.TCP_FRAME_TOO_LONG,
                DropReason.TCP_NO_CHECK_IN_TIME, DropReason.INTERNAL_ERROR));
    }

    private SyntheticBrowser join(String id, boolean overTcp, int ssrc) throws Exception {
        List<MediaSource> sources = List.of(new MediaSource(MediaSource.Kind.AUDIO, ssrc, id, id + "-audio"));
        Endpoint endpoint = conference.allocateEndpoint(id);
        SyntheticBrowser browser = overTcp
                ? SyntheticBrowser.joinOverTcp(bridge.tcpMediaAddress().orElseThrow(), endpoint, sources)
                : SyntheticBrowser.join(bridge.mediaAddress(), endpoint, sources);
        loopback.closeAfter(browser);
        return browser;
    }

    private static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seed * 31 + i);
        }
        return payload;
    }

    private static void assertPacket(MediaPacket packet, int ssrc, int sequence, byte[] payload) {
        assertNotNull(packet, "no packet arrived");
        assertEquals(ssrc, Rtp.ssrc(packet));
        assertEquals(sequence, Rtp.sequenceNumber(packet));
        byte[] received = new byte[packet.getLength() - 12];
        System.arraycopy(packet.getBuffer(), packet.getOffset() + 12, received, 0, received.length);
        assertArrayEquals(payload, received);
    }
}
