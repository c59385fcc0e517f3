package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.dtls.BridgeCertificate;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpType;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.consilium.videobridge.transport.RelayPort;
import org.consilium.videobridge.transport.UdpPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One conference on two bridges (a cascade): the bridges relay to each other over ICE and
 * DTLS-SRTP, each source crossing the relay once whatever the number of receivers beyond it.
 * Two real bridges on loopback, synthetic browsers on each.
 */
class RelayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NOTHING = Duration.ofMillis(300);
    private static final int OPUS = 111;

    @RegisterExtension
    final LoopbackBridge first = new LoopbackBridge();
    @RegisterExtension
    final LoopbackBridge second = new LoopbackBridge();

    /** The two ends of one relay, and the conference on each bridge. */
    private record Cascade(Conference initiating, Endpoint initiator, Conference accepting, Endpoint acceptor) {
        /** Each end declares what the other bridge's participants send, as the control plane would. */
        void exchangeSources() {
            acceptor.setSources(initiating.sourcesRelayedBy(initiator.id()));
            initiator.setSources(accepting.sourcesRelayedBy(acceptor.id()));
        }
    }

    @Test
    void aPresentersMediaCrossesTheRelayOnceForEveryViewerOnTheOtherBridge() throws Exception {
        Cascade cascade = relay("grand-rounds");
        SyntheticBrowser presenter = join(first, cascade.initiating(), "presenter", 0x1111);
        List<SyntheticBrowser> viewers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            viewers.add(join(second, cascade.accepting(), "viewer-" + i, 0x2000 + i));
        }
        cascade.exchangeSources();
        long relayedBefore = cascade.initiator().statistics().packetsSent();

        int packets = 20;
        for (int sequence = 1; sequence <= packets; sequence++) {
            presenter.sendRtp(0x1111, sequence, OPUS, payload(60, sequence));
        }

        for (SyntheticBrowser viewer : viewers) {
            for (int sequence = 1; sequence <= packets; sequence++) {
                MediaPacket packet = viewer.receiveRtp(WAIT);
                assertNotNull(packet, "packet " + sequence + " reached the viewer through the relay");
                assertEquals(0x1111, Rtp.ssrc(packet));
                assertEquals(sequence, Rtp.sequenceNumber(packet));
            }
        }
        long relayed = cascade.initiator().statistics().packetsSent() - relayedBefore;
        // once per packet, not once per viewer (RTCP of the relay may add a few)
        assertTrue(relayed >= packets && relayed < packets + 10, "crossed the relay " + relayed + " times for " + packets);
    }

    @Test
    void mediaAndKeyframeRequestsCrossBothWays() throws Exception {
        Cascade cascade = relay("tumor-board");
        SyntheticBrowser here = join(first, cascade.initiating(), "oncologist", 0x3333);
        SyntheticBrowser there = join(second, cascade.accepting(), "radiologist", 0x4444);
        cascade.exchangeSources();

        there.sendRtp(0x4444, 7, OPUS, payload(60, 7));
        MediaPacket fromThere = here.receiveRtp(WAIT);
        assertNotNull(fromThere, "the second bridge's participant reached the first's");
        assertEquals(0x4444, Rtp.ssrc(fromThere));
        here.sendRtp(0x3333, 9, OPUS, payload(60, 9));
        MediaPacket fromHere = there.receiveRtp(WAIT);
        assertNotNull(fromHere, "and the other way");
        assertEquals(0x3333, Rtp.ssrc(fromHere));

        there.sendRtcp(RtcpCompound.pli(0x4444, 0x3333)); // the far receiver lost a picture
        MediaPacket pli = awaitRtcp(here, RtcpType.PSFB);
        assertEquals(RtcpType.FMT_PLI, pli.u8(0) & 0x1F);
        assertEquals(0x3333, RtcpCompound.feedbackMediaSsrc(pli, 0), "the publisher two bridges away is asked for a keyframe");
    }

    @Test
    void twoConferencesRelayedBetweenTheSameBridgesKeepTheirMediaApart() throws Exception {
        Cascade rounds = relay("grand-rounds");
        Cascade board = relay("tumor-board");
        SyntheticBrowser lecturer = join(first, rounds.initiating(), "lecturer", 0x5555);
        SyntheticBrowser student = join(second, rounds.accepting(), "student", 0x5556);
        SyntheticBrowser surgeon = join(first, board.initiating(), "surgeon", 0x6666);
        SyntheticBrowser pathologist = join(second, board.accepting(), "pathologist", 0x6667);
        rounds.exchangeSources();
        board.exchangeSources();

        lecturer.sendRtp(0x5555, 1, OPUS, payload(60, 1));
        surgeon.sendRtp(0x6666, 1, OPUS, payload(60, 2));

        assertEquals(0x5555, Rtp.ssrc(student.receiveRtp(WAIT)));
        assertEquals(0x6666, Rtp.ssrc(pathologist.receiveRtp(WAIT)));
        assertNull(student.receiveRtp(NOTHING), "nothing of the other conference");
        assertNull(pathologist.receiveRtp(NOTHING), "nothing of the other conference");
    }

    @Test
    void aRelayWhoseOtherEndPresentsAnotherCertificateCarriesNothing() throws Exception {
        Conference initiating = first.bridge().conference("c");
        Conference accepting = second.bridge().conference("c");
        Endpoint initiator = initiating.initiateRelay("relay-to-second");
        // the accepting end was told another bridge's fingerprint: someone in the middle
        Endpoint acceptor = accepting.acceptRelay("relay-from-first", initiator.localTransport().iceUfrag(),
                BridgeCertificate.generate().fingerprint());
        initiator.connectTo(acceptor.localTransport());

        // ICE succeeds (the checks carry the right passwords) but DTLS must not
        Eventually.until(WAIT, () -> initiator.ice().hasConsent(), "the checks were answered");
        assertFalse(waitConnected(initiator, Duration.ofSeconds(2)), "no SRTP keys with the wrong certificate");
        assertFalse(acceptor.isConnected());
    }

    @Test
    void theRelayPortTakesNothingButTheOtherBridgesAddress() throws Exception {
        Cascade cascade = relay("c");
        SyntheticBrowser presenter = join(first, cascade.initiating(), "presenter", 0x7777);
        SyntheticBrowser viewer = join(second, cascade.accepting(), "viewer", 0x7778);
        cascade.exchangeSources();
        long unknownBefore = first.bridge().counters().dropCount(DropReason.UNKNOWN_ADDRESS);

        // a spoofer who learnt the relay's port sends it junk and a forged STUN answer
        try (DatagramSocket spoofer = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = relayPortOf(cascade.initiator());
            byte[] junk = new byte[] {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0x77, 0x77};
            spoofer.send(new DatagramPacket(junk, junk.length, target));
        }
        Eventually.until(WAIT, () -> first.bridge().counters().dropCount(DropReason.UNKNOWN_ADDRESS) > unknownBefore,
                "the spoofed datagram was dropped and counted");

        presenter.sendRtp(0x7777, 1, OPUS, payload(60, 1));
        assertEquals(0x7777, Rtp.ssrc(viewer.receiveRtp(WAIT)), "the relay carries on");
    }

    @Test
    void aRelayNegotiatesNoSdpAndConnectsOnce() throws Exception {
        Cascade cascade = relay("c");
        assertThrows(InvalidSdpException.class, () -> cascade.acceptor().negotiate("v=0\r\n"));
        assertThrows(IllegalStateException.class, () -> cascade.initiator().connectTo(cascade.acceptor().localTransport()));
        assertThrows(IllegalStateException.class, () -> cascade.acceptor().connectTo(cascade.initiator().localTransport()),
                "the accepting end initiates nothing");
        assertTrue(cascade.initiator().isRelay() && cascade.acceptor().isRelay());
        assertEquals(1, first.bridge().status().relays(), "the bridge's status counts its ends of relays");
        assertEquals(1, second.bridge().status().endpoints());
    }

    /** Relays conference {@code id} from the first bridge to the second and waits for SRTP on both ends. */
    private Cascade relay(String id) throws Exception {
        Conference initiating = first.bridge().conference(id);
        Conference accepting = second.bridge().conference(id);
        Endpoint initiator = initiating.initiateRelay("relay-to-second");
        Endpoint acceptor = accepting.acceptRelay("relay-from-first", initiator.localTransport().iceUfrag(),
                initiator.localTransport().fingerprint());
        initiator.connectTo(acceptor.localTransport());
        Eventually.until(WAIT, () -> initiator.isConnected() && acceptor.isConnected(), "both ends of the relay have SRTP keys");
        return new Cascade(initiating, initiator, accepting, acceptor);
    }

    /** Whether the endpoint gets SRTP keys within {@code wait} (a handshake on loopback takes milliseconds). */
    private static boolean waitConnected(Endpoint endpoint, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (endpoint.isConnected()) {
                return true;
            }
            Thread.sleep(20); // polling a state that must not come: the whole wait is the assertion
        }
        return false;
    }

    /** The relay's own port on the initiating bridge (its selected path goes out of it). */
    private static InetSocketAddress relayPortOf(Endpoint initiator) throws java.io.IOException {
        UdpPath path = (UdpPath) initiator.ice().selectedPath();
        return ((RelayPort) path.port()).localAddress();
    }

    private static SyntheticBrowser join(LoopbackBridge bridge, Conference conference, String id, int ssrc) throws Exception {
        SyntheticBrowser browser = SyntheticBrowser.join(bridge.bridge().mediaAddress(), conference.allocateEndpoint(id),
                List.of(new MediaSource(MediaSource.Kind.AUDIO, ssrc, id, id + "-audio")));
        bridge.closeAfter(browser);
        return browser;
    }

    private static MediaPacket awaitRtcp(SyntheticBrowser browser, int type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MediaPacket packet = browser.receiveRtcp(WAIT);
            if (packet != null && packet.u8(1) == type) {
                return packet;
            }
        }
        throw new AssertionError("no RTCP packet of type " + type);
    }

    private static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + seed);
        }
        return payload;
    }
}
