package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * An SSRC (media or repair) belongs to one endpoint of a conference. A second endpoint
 * declaring it, by SDP or without, is refused with nothing changed: the bridge forwards each
 * source on its own SSRC, so two senders with one SSRC would share a receiver's SRTP index
 * space and the second would repeat the first's AES-GCM nonces.
 */
class SsrcOwnershipTest {

    private static final int AUDIO = 0x1000;
    private static final int VIDEO = 0x2000;
    private static final int VIDEO_RTX = 0x2001;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;
    private Endpoint first;
    private Endpoint second;

    @BeforeEach
    void start() throws Exception {
        bridge = loopback.bridge();
        conference = bridge.conference("tumor-board");
        first = conference.allocateEndpoint("first");
        second = conference.allocateEndpoint("second");
    }

    @Test
    void anotherEndpointsMediaOrRepairSsrcIsRefusedWithNothingChanged() {
        first.setSources(List.of(audio(AUDIO), video(VIDEO, VIDEO_RTX)));
        List<MediaSource> before = second.sources();

        for (List<MediaSource> taken : List.of(
                List.of(audio(AUDIO)),                 // the first's audio
                List.of(video(0x3000, VIDEO_RTX)),     // a repair SSRC that is the first's repair SSRC
                List.of(audio(VIDEO_RTX)),             // a media SSRC that is the first's repair SSRC
                List.of(video(VIDEO, null)))) {        // the first's video, without RTX
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> second.setSources(taken));
            assertTrue(refused.getMessage().contains("already sent by another participant"), refused.getMessage());
            assertEquals(before, second.sources(), "nothing changes on a refusal");
        }
        assertEquals(List.of(audio(AUDIO), video(VIDEO, VIDEO_RTX)), first.sources());
    }

    @Test
    void theSsrcsASimulcastCameraCrossesRelaysUnderAreItsOwn() {
        MediaSource camera = new MediaSource(MediaSource.Kind.VIDEO, VIDEO, VIDEO_RTX, "first", "camera",
                new MediaSource.Simulcast("1", List.of("l", "m", "h")).relayedUnder(List.of(0x5001, 0x5002, 0x5003)));
        first.setSources(List.of(camera));

        // another participant (or another bridge's relay) claiming one of them would share the relay's SRTP index space
        assertThrows(IllegalArgumentException.class, () -> second.setSources(List.of(audio(0x5002))));
        assertThrows(IllegalArgumentException.class, () -> second.setSources(List.of(
                new MediaSource(MediaSource.Kind.VIDEO, 0x6000, null, "second", "camera",
                        MediaSource.Simulcast.declared("0", List.of(0x6001, 0x5003), List.of())))));
        assertEquals(List.of(), second.sources());
    }

    @Test
    void relaySsrcsChosenForALearntCameraStayAcrossRenegotiations() {
        MediaSource offered = new MediaSource(MediaSource.Kind.VIDEO, 0, null, "first", "camera",
                new MediaSource.Simulcast("1", List.of("l", "m", "h")));
        MediaSource assigned = SimulcastSsrcs.assign(List.of(offered), List.of()).get(0);
        assertEquals(3, assigned.simulcast().relaySsrcs().size(), "one per layer, chosen by the bridge");
        assertEquals(assigned, SimulcastSsrcs.assign(List.of(offered), List.of(assigned)).get(0),
                "the same section again: the same SSRCs, so relays and receivers keep their streams");

        MediaSource declared = new MediaSource(MediaSource.Kind.VIDEO, 0, null, "first", "camera",
                MediaSource.Simulcast.declared("1", List.of(0x7001, 0x7002), List.of()));
        assertEquals(List.of(0x7001, 0x7002),
                SimulcastSsrcs.assign(List.of(declared), List.of()).get(0).simulcast().relaySsrcs(),
                "layers declared by SSRC (a=ssrc-group:SIM) cross under their own");
    }

    @Test
    void anSsrcDeclaredTwiceByOneEndpointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> second.setSources(List.of(audio(0x4000), video(0x4000, null))));
        assertThrows(IllegalArgumentException.class, () -> second.setSources(List.of(video(0x4000, 0x4000))));
        assertEquals(List.of(), second.sources());
    }

    @Test
    void anEndpointKeepsItsOwnSsrcsAndTheyAreFreeOnceItLeaves() {
        first.setSources(List.of(audio(AUDIO)));
        first.setSources(List.of(audio(AUDIO), video(VIDEO, VIDEO_RTX))); // its own again: fine
        assertThrows(IllegalArgumentException.class, () -> second.setSources(List.of(audio(AUDIO))));

        conference.expireEndpoint("first");
        second.setSources(List.of(audio(AUDIO)));
        assertEquals(List.of(audio(AUDIO)), second.sources());
    }

    @Test
    void anOfferWithAnotherEndpointsSsrcGetsAnSdpErrorAndChangesNothing() throws Exception {
        SyntheticBrowser a = browser(first);
        SyntheticBrowser b = browser(second);
        first.negotiate(offer(a, AUDIO));

        InvalidSdpException refused = assertThrows(InvalidSdpException.class, () -> second.negotiate(offer(b, AUDIO)));
        assertTrue(refused.getMessage().contains("SSRC " + AUDIO), refused.getMessage());
        assertEquals(List.of(), second.sources());

        second.negotiate(offer(b, 0x5000)); // the same browser with its own SSRC: answered
        assertEquals(1, second.sources().size());
        assertEquals(0x5000, second.sources().get(0).ssrc());
        first.negotiate(offer(a, AUDIO)); // renegotiating its own SSRC: answered
    }

    /** Two endpoints declaring the same SSRC at the same moment: exactly one gets it, every time. */
    @Test
    void racingDeclarationsNeverBothWin() throws Exception {
        for (int round = 0; round < 200; round++) {
            int ssrc = 0x10000 + round;
            CountDownLatch go = new CountDownLatch(1);
            Future<Boolean> one = loopback.executor().submit(() -> declares(go, first, ssrc));
            Future<Boolean> two = loopback.executor().submit(() -> declares(go, second, ssrc));
            go.countDown();
            assertTrue(one.get() ^ two.get(), "round " + round + ": exactly one endpoint holds SSRC " + ssrc);
            first.setSources(List.of());
            second.setSources(List.of());
        }
    }

    private static boolean declares(CountDownLatch go, Endpoint endpoint, int ssrc) throws InterruptedException {
        go.await();
        try {
            endpoint.setSources(List.of(audio(ssrc)));
            return true;
        } catch (IllegalArgumentException taken) {
            return false;
        }
    }

    private SyntheticBrowser browser(Endpoint endpoint) throws Exception {
        SyntheticBrowser browser = new SyntheticBrowser(bridge.mediaAddress(), endpoint.localTransport().fingerprint());
        loopback.closeAfter(browser);
        return browser;
    }

    private static MediaSource audio(int ssrc) {
        return new MediaSource(MediaSource.Kind.AUDIO, ssrc, null, "stream-" + ssrc, "audio-" + ssrc);
    }

    private static MediaSource video(int ssrc, Integer rtx) {
        return new MediaSource(MediaSource.Kind.VIDEO, ssrc, rtx, "stream-" + ssrc, "video-" + ssrc);
    }

    /** A browser's offer with one sending audio section (Opus) declaring {@code ssrc}. */
    private static String offer(SyntheticBrowser browser, int ssrc) {
        return String.join("\r\n",
                "v=0",
                "o=- 1 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + browser.iceUfrag(),
                "a=ice-pwd:" + browser.icePassword(),
                "a=fingerprint:" + browser.fingerprint().toSdpValue(),
                "a=setup:actpass",
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=ssrc:" + (ssrc & 0xFFFFFFFFL) + " cname:browser") + "\r\n";
    }
}
