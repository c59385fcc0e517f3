package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ICE restart (RFC 8445 §9) on a live endpoint, as {@code pc.restartIce()} and a new
 * offer make it after a network change: the answer carries new ICE credentials, a check
 * under them from the new address moves the media there, and the DTLS association (so the
 * SRTP keys) is the one from before. The old credentials no longer validate anything.
 */
class IceRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NO_ANSWER = Duration.ofMillis(300);
    private static final int VP8 = 96;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;
    private SyntheticBrowser publisher;
    private Endpoint viewerEndpoint;
    private SyntheticBrowser viewer;

    @BeforeEach
    void twoConnected() throws Exception {
        bridge = loopback.bridge();
        conference = bridge.conference("night-rounds");
        Endpoint publisherEndpoint = conference.allocateEndpoint("publisher");
        publisher = loopback.closeAfter(SyntheticBrowser.join(bridge.mediaAddress(), publisherEndpoint,
                List.of(new MediaSource(MediaSource.Kind.VIDEO, 0x1000, 0x1001, "publisher", "camera"))));
        viewerEndpoint = conference.allocateEndpoint("viewer");
        viewer = loopback.closeAfter(new SyntheticBrowser(bridge.mediaAddress(),
                viewerEndpoint.localTransport().fingerprint()));
        viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(viewer));
        viewer.connect(viewerEndpoint.localTransport());
        Eventually.until(WAIT, viewerEndpoint::isConnected, "viewer connected");
        assertMediaReachesViewer(1);
    }

    @Test
    void aRestartFromANewAddressGetsNewCredentialsAndMediaGoesOnUnderTheSameKeys() throws Exception {
        LocalTransport before = viewerEndpoint.localTransport();
        viewer.restartIce(true);

        String answer = viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(viewer));

        LocalTransport after = viewerEndpoint.localTransport();
        assertNotEquals(before.iceUfrag(), after.iceUfrag());
        assertNotEquals(before.icePassword(), after.icePassword());
        assertTrue(answer.contains("a=ice-ufrag:" + after.iceUfrag()), answer);
        assertTrue(answer.contains("a=ice-pwd:" + after.icePassword()), answer);
        assertEquals(before.fingerprint(), after.fingerprint());
        assertSame(viewerEndpoint, conference.endpoint("viewer").orElseThrow(), "the same endpoint");

        assertTrue(viewer.checkIn(after, viewer.iceUfrag(), WAIT), "a check under the new credentials is answered");
        assertTrue(viewerEndpoint.isConnected(), "no new DTLS handshake was needed");
        assertMediaReachesViewer(2); // decrypted with the keys of the first handshake, at the new address
    }

    @Test
    void afterARestartChecksUnderTheOldCredentialsAreRefusedAndMoveNothing() throws Exception {
        LocalTransport before = viewerEndpoint.localTransport();
        String oldUfrag = viewer.iceUfrag();
        viewer.restartIce(true);
        viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(viewer));
        long unknownBefore = bridge.counters().dropCount(DropReason.UNKNOWN_ICE_UFRAG);

        assertFalse(viewer.checkIn(before, oldUfrag, NO_ANSWER), "old bridge ufrag: unknown now");
        assertFalse(viewer.checkIn(viewerEndpoint.localTransport(), oldUfrag, NO_ANSWER),
                "new bridge ufrag with the browser's old one: refused");
        assertFalse(viewer.checkIn(before, viewer.iceUfrag(), NO_ANSWER), "old bridge credentials, new browser ufrag");

        Eventually.until(WAIT, () -> bridge.counters().dropCount(DropReason.UNKNOWN_ICE_UFRAG)
                >= unknownBefore + 3, "the three checks counted as unknown ufrag");
        publisher.sendRtp(0x1000, 2, VP8, new byte[] {1, 2, 3});
        assertNull(viewer.receiveRtp(NO_ANSWER), "media did not move to the new address");
    }

    @Test
    void withoutACheckUnderTheNewCredentialsMediaStaysOnThePreviouslySelectedAddress() throws Exception {
        viewer.restartIce(false); // same socket: the old pair keeps working until a new one is selected

        viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(viewer));

        assertMediaReachesViewer(2);
    }

    @Test
    void aChangedCertificateIsStillRefusedAndChangesNothing() throws Exception {
        LocalTransport before = viewerEndpoint.localTransport();
        SyntheticBrowser stranger = loopback.closeAfter(new SyntheticBrowser(bridge.mediaAddress(), before.fingerprint()));

        InvalidSdpException refused = assertThrows(InvalidSdpException.class,
                () -> viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(stranger)));

        assertTrue(refused.getMessage().contains("fingerprint"), refused.getMessage());
        assertEquals(before.iceUfrag(), viewerEndpoint.localTransport().iceUfrag(), "no restart happened");
        assertMediaReachesViewer(2);
    }

    @Test
    void repeatedRestartsEachReplaceTheCredentials() throws Exception {
        for (int restart = 1; restart <= 3; restart++) {
            String previous = viewerEndpoint.localTransport().iceUfrag();
            viewer.restartIce(true);
            viewerEndpoint.negotiate(BrowserOffers.chromiumOfferFrom(viewer));
            assertNotEquals(previous, viewerEndpoint.localTransport().iceUfrag());
            assertTrue(viewer.checkIn(viewerEndpoint.localTransport(), viewer.iceUfrag(), WAIT), "restart " + restart);
            assertMediaReachesViewer(1 + restart);
        }
    }

    private void assertMediaReachesViewer(int sequence) throws Exception {
        byte[] payload = {(byte) sequence, 7, 7, 7};
        publisher.sendRtp(0x1000, sequence, VP8, payload);
        MediaPacket received = viewer.receiveRtp(WAIT);
        assertNotNull(received, () -> "packet " + sequence + " reached the viewer; " + viewerEndpoint.statistics());
        assertEquals(sequence, Rtp.sequenceNumber(received));
    }
}
