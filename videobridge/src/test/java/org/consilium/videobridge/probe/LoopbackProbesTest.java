package org.consilium.videobridge.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.consilium.videobridge.transport.TcpMediaConnection;
import org.consilium.videobridge.transport.UdpPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network check's loopback: what a page's sending connection publishes comes back to its
 * receiving connection through the bridge's forwarding (over UDP, and over ICE-TCP where UDP
 * is blocked), and a check costs no more than its limits allow.
 */
class LoopbackProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The SSRCs Chromium's recorded offer sends its microphone and camera on. */
    private static final int AUDIO_SSRC = (int) 3752213446L;
    private static final int VIDEO_SSRC = 1501703640;
    private static final int OPUS = 111;

    @RegisterExtension
    final LoopbackBridge loopback = LoopbackBridge.withTcp();

    @Test
    void whatThePageSendsComesBackToItsReceivingConnectionOverUdpOrTcp() throws Exception {
        Videobridge bridge = loopback.bridge();
        LoopbackProbes probes = new LoopbackProbes(bridge);
        LoopbackProbe probe = probes.open();
        Endpoint senderSide = endpoint(probe, LoopbackProbe.SENDER);
        Endpoint receiverSide = endpoint(probe, LoopbackProbe.RECEIVER);
        SyntheticBrowser sender = loopback.closeAfter(
                new SyntheticBrowser(bridge.mediaAddress(), senderSide.localTransport().fingerprint()));
        SyntheticBrowser receiver = loopback.closeAfter(SyntheticBrowser.overTcp(bridge.tcpMediaAddress().orElseThrow(),
                receiverSide.localTransport().fingerprint()));

        String senderAnswer = probe.negotiateSender(offer(sender, true));
        String receiverAnswer = probe.negotiateReceiver(offer(receiver, false));

        assertFalse(senderAnswer.contains("a=ssrc:" + Integer.toUnsignedString(AUDIO_SSRC)),
                "the sending connection is given nothing to receive");
        assertTrue(receiverAnswer.contains("a=ssrc:" + Integer.toUnsignedString(AUDIO_SSRC)),
                "the page's sound is placed in the receiving connection's slot");
        assertTrue(receiverAnswer.contains("a=ssrc:" + Integer.toUnsignedString(VIDEO_SSRC)),
                "and its picture");
        assertTrue(receiverAnswer.contains("tcptype passive"), "the answer offers ICE-TCP for a network without UDP");

        sender.connect(senderSide.localTransport());
        receiver.connect(receiverSide.localTransport());
        Eventually.until(WAIT, () -> senderSide.isConnected() && receiverSide.isConnected(), "both connected");
        assertInstanceOf(UdpPath.class, senderSide.ice().selectedPath());
        assertInstanceOf(TcpMediaConnection.class, receiverSide.ice().selectedPath());

        byte[] voice = new byte[80];
        java.util.Arrays.fill(voice, (byte) 7);
        MediaPacket back = null;
        for (int sequence = 1; sequence < 50 && back == null; sequence++) { // the receiver's route is built on the first packets
            sender.sendRtp(AUDIO_SSRC, sequence, OPUS, voice);
            back = receiver.receiveRtp(Duration.ofMillis(100));
        }
        assertNotNull(back, "the sound came back through the bridge");
        assertEquals(AUDIO_SSRC, Rtp.ssrc(back));
        byte[] payload = new byte[back.getLength() - 12];
        System.arraycopy(back.getBuffer(), back.getOffset() + 12, payload, 0, payload.length);
        assertArrayEquals(voice, payload);

        probe.close();
        assertTrue(bridge.findConference(probe.id()).isEmpty(), "closing the check expires its conference");
        assertEquals(0, probes.openCount());
    }

    @Test
    void theReceivingConnectionOffersOnlyAfterTheSenderAndSendsNothing() throws Exception {
        LoopbackProbes probes = new LoopbackProbes(loopback.bridge());
        LoopbackProbe probe = probes.open();
        SyntheticBrowser browser = loopback.closeAfter(new SyntheticBrowser(loopback.bridge().mediaAddress(),
                endpoint(probe, LoopbackProbe.SENDER).localTransport().fingerprint()));

        ProbeRefused early = assertThrows(ProbeRefused.class, () -> probe.negotiateReceiver(offer(browser, false)));
        assertEquals("out-of-order", early.code());

        probe.negotiateSender(offer(browser, true));
        InvalidSdpException sending = assertThrows(InvalidSdpException.class,
                () -> probe.negotiateReceiver(offerWithSsrcs(browser, 11, 12)));
        assertTrue(sending.getMessage().contains("sends nothing"), sending.getMessage());
        assertTrue(probe.isOver(), "a page gone wrong does not try again on the same check");
        assertTrue(loopback.bridge().findConference(probe.id()).isEmpty());
        assertEquals("over", assertThrows(ProbeRefused.class, () -> probe.negotiateSender(offer(browser, true))).code());
    }

    @Test
    void aBadOfferEndsTheCheckAndFreesItsEndpoints() throws Exception {
        LoopbackProbes probes = new LoopbackProbes(loopback.bridge());
        LoopbackProbe probe = probes.open();
        assertThrows(InvalidSdpException.class, () -> probe.negotiateSender("v=0\r\nnonsense\r\n"));
        assertTrue(probe.isOver());
        assertEquals(0, probes.openCount());
        assertTrue(loopback.bridge().findConference(probe.id()).isEmpty());
    }

    @Test
    void theNodeRunsAtMostSoManyChecksAndEachEndsAtItsLimit() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        LoopbackProbes probes = new LoopbackProbes(loopback.bridge(), 2, Duration.ofSeconds(10), now::get);
        LoopbackProbe first = probes.open();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        LoopbackProbe second = probes.open();
        assertEquals(4, loopback.bridge().status().endpoints(), "each check's two endpoints count in the bridge's load");
        assertEquals("busy", assertThrows(ProbeRefused.class, probes::open).code());

        now.addAndGet(Duration.ofSeconds(6).toNanos() - 1);
        assertEquals(java.util.List.of(), probes.closeOverdue(), "not a nanosecond early");
        now.addAndGet(1);
        assertEquals(java.util.List.of(first), probes.closeOverdue());
        assertTrue(first.isOver());
        assertFalse(second.isOver());
        assertTrue(loopback.bridge().findConference(first.id()).isEmpty());

        LoopbackProbe third = probes.open(); // the freed place
        probes.closeAll();
        assertTrue(second.isOver() && third.isOver());
        assertEquals(0, loopback.bridge().conferences().size());
    }

    private Endpoint endpoint(LoopbackProbe probe, String id) {
        return loopback.bridge().findConference(probe.id()).orElseThrow().endpoint(id).orElseThrow();
    }

    /**
     * Chromium's recorded offer (a microphone, a camera and a receive slot of each) with the
     * synthetic browser's ICE credentials and certificate; for the receiving connection its
     * send sections become receive slots and it declares no SSRC.
     */
    private static String offer(SyntheticBrowser browser, boolean sending) throws IOException {
        String offer = recorded(browser);
        return sending ? offer : offer.replace("a=sendonly", "a=recvonly").replaceAll("a=ssrc[^\r\n]*\r\n", "");
    }

    /** A receiving connection's offer that declares SSRCs of its own nonetheless. */
    private static String offerWithSsrcs(SyntheticBrowser browser, int audio, int video) throws IOException {
        return recorded(browser).replace(Integer.toUnsignedString(AUDIO_SSRC), Integer.toString(audio))
                .replace(Integer.toString(VIDEO_SSRC), Integer.toString(video))
                .replaceAll("a=ssrc-group[^\r\n]*\r\n", "").replaceAll("a=ssrc:1635206661[^\r\n]*\r\n", "");
    }

    private static String recorded(SyntheticBrowser browser) throws IOException {
        try (InputStream in = LoopbackProbesTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + browser.iceUfrag())
                    .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + browser.icePassword())
                    .replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:" + browser.fingerprint().toSdpValue());
        }
    }
}
