package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.sdp.HeaderExtension;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A receiver with transport-cc and without RTX: a NACKed packet goes again on its own SSRC
 * and sequence number, so under the same SRTP index (for AES-GCM, the same nonce). Both
 * copies are taken off the wire and must be the same bytes; a resend that would not be
 * is not sent. Both sides negotiate with SDP, so the bridge rewrites every copy (payload
 * type, extension id, its own transport-wide number), as it does for browsers.
 */
class NackWithoutRtxTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NOTHING = Duration.ofMillis(300);
    private static final int PUBLISHER_SSRC = 0x1000;
    private static final int VIEWER_SSRC = 0x2000;
    /** The publisher's and the viewer's numbering differ, as Chromium's and Firefox's do. */
    private static final int PUBLISHER_VP8 = 96;
    private static final int VIEWER_VP8 = 120;
    private static final int PUBLISHER_TRANSPORT_CC = 5;
    private static final int VIEWER_TRANSPORT_CC = 3;
    private static final int PUBLISHER_RTX = 97;
    private static final int VIEWER_RTX = 121;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;

    @BeforeEach
    void start() throws Exception {
        bridge = loopback.bridge();
        conference = bridge.conference("wound-care");
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aResendIsTheFirstSrtpPacketByteForByte(SrtpProfile profile) throws Exception {
        SyntheticBrowser publisher = join("publisher", profile, NackWithoutRtxTest::publisherOffer);
        SyntheticBrowser viewer = join("viewer", profile, NackWithoutRtxTest::viewerOffer);
        Endpoint viewerEndpoint = conference.endpoint("viewer").orElseThrow();
        byte[] lost = sendOneTwoThreeAndLoseTwo(publisher, viewer);

        viewer.sendRtcp(RtcpReports.nack(VIEWER_SSRC, PUBLISHER_SSRC, 2));

        byte[] resent = viewer.nextRtpDatagram(WAIT);
        assertNotNull(resent, () -> "no resend; viewer " + viewerEndpoint.statistics());
        assertArrayEquals(lost, resent, "the same SRTP packet: same nonce, same bytes");
        MediaPacket clear = MediaPacket.copyOf(resent, 0, resent.length);
        assertEquals(SrtpOutcome.OK, viewer.decryptRtp(clear));
        assertEquals(2, Rtp.sequenceNumber(clear));
        assertEquals(VIEWER_VP8, Rtp.payloadType(clear));
        assertEquals(1, RtpRewriter.transportSequence(clear, VIEWER_TRANSPORT_CC),
                "the viewer's transport-wide number of the first copy (0 went with packet 1, 2 with packet 3)");
        assertArrayEquals(payload(2), Arrays.copyOfRange(clear.toArray(), Rtp.headerLength(clear), clear.getLength()));
        EndpointStatistics statistics = viewerEndpoint.statistics();
        assertEquals(1, statistics.retransmissionsSent());
        assertEquals(0, statistics.drops().get(EndpointDropReason.SRTP_NOT_PROTECTED), "sent by the pinned AES implementation");
        assertEquals(0, statistics.drops().get(EndpointDropReason.RESEND_NOT_AS_SENT));
    }

    /** Renegotiated between the first copy and the NACK: another extension id, so another header. */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aResendThatWouldDifferFromTheFirstCopyIsNotSentAndIsCounted(SrtpProfile profile) throws Exception {
        SyntheticBrowser publisher = join("publisher", profile, NackWithoutRtxTest::publisherOffer);
        SyntheticBrowser viewer = join("viewer", profile, NackWithoutRtxTest::viewerOffer);
        Endpoint viewerEndpoint = conference.endpoint("viewer").orElseThrow();
        sendOneTwoThreeAndLoseTwo(publisher, viewer);
        viewerEndpoint.negotiate(viewerOffer(viewer).withTransportCcId(VIEWER_TRANSPORT_CC + 1).sdp());

        viewer.sendRtcp(RtcpReports.nack(VIEWER_SSRC, PUBLISHER_SSRC, 2));

        Eventually.until(WAIT, () -> viewerEndpoint.statistics().drops().get(EndpointDropReason.RESEND_NOT_AS_SENT) == 1,
                "the resend refused and counted");
        assertNull(viewer.nextRtpDatagram(NOTHING), "nothing was sent under the reused index");
        assertEquals(0, viewerEndpoint.statistics().retransmissionsSent());
    }

    /**
     * Sent while the viewer had RTX (so not remembered: its NACK would have been answered as
     * RTX), NACKed after a renegotiation without RTX: there is no first copy to repeat, so no
     * resend (the old code encrypted the sequence number again with a new transport-wide number).
     */
    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aNackForAPacketSentWhileTheViewerHadRtxIsNotAnsweredWithoutItAndIsCounted(SrtpProfile profile)
            throws Exception {
        SyntheticBrowser publisher = join("publisher", profile, browser -> publisherOffer(browser).withRtx(PUBLISHER_RTX));
        SyntheticBrowser viewer = join("viewer", profile, browser -> viewerOffer(browser).withRtx(VIEWER_RTX));
        Endpoint viewerEndpoint = conference.endpoint("viewer").orElseThrow();
        sendOneTwoThreeAndLoseTwo(publisher, viewer);
        viewerEndpoint.negotiate(viewerOffer(viewer).sdp());

        viewer.sendRtcp(RtcpReports.nack(VIEWER_SSRC, PUBLISHER_SSRC, 2));

        Eventually.until(WAIT, () -> viewerEndpoint.statistics().drops().get(EndpointDropReason.RESEND_NOT_AS_SENT) == 1,
                "the NACK left unanswered and counted");
        assertNull(viewer.nextRtpDatagram(NOTHING));
        assertEquals(0, viewerEndpoint.statistics().retransmissionsSent());
    }

    /** @return the viewer's copy of packet 2, taken off the wire undecrypted (lost, to the viewer's SRTP) */
    private static byte[] sendOneTwoThreeAndLoseTwo(SyntheticBrowser publisher, SyntheticBrowser viewer)
            throws Exception {
        byte[] lost = null;
        for (int sequence = 1; sequence <= 3; sequence++) {
            publisher.sendRtp(withTransportCc(sequence, 700 + sequence));
            byte[] copy = viewer.nextRtpDatagram(WAIT);
            assertNotNull(copy, "packet " + sequence + " reached the viewer");
            if (sequence == 2) {
                lost = copy;
            } else {
                MediaPacket clear = MediaPacket.copyOf(copy, 0, copy.length);
                assertEquals(SrtpOutcome.OK, viewer.decryptRtp(clear));
                assertEquals(sequence, Rtp.sequenceNumber(clear));
            }
        }
        return lost;
    }

    private SyntheticBrowser join(String id, SrtpProfile profile, Function<SyntheticBrowser, TestOffer> offer)
            throws Exception {
        Endpoint endpoint = conference.allocateEndpoint(id);
        SyntheticBrowser browser = new SyntheticBrowser(bridge.mediaAddress(), endpoint.localTransport().fingerprint(),
                profile);
        loopback.closeAfter(browser);
        endpoint.negotiate(offer.apply(browser).sdp());
        browser.connect(endpoint.localTransport());
        Eventually.until(WAIT, endpoint::isConnected, id + " connected");
        assertEquals(profile, browser.srtpProfile());
        return browser;
    }

    private static TestOffer publisherOffer(SyntheticBrowser browser) {
        return new TestOffer(browser, true, PUBLISHER_VP8, PUBLISHER_TRANSPORT_CC, 0);
    }

    private static TestOffer viewerOffer(SyntheticBrowser browser) {
        return new TestOffer(browser, false, VIEWER_VP8, VIEWER_TRANSPORT_CC, 0);
    }

    /**
     * A browser's offer with one video section: VP8 with NACK and transport-cc, RTX only
     * when asked (a non-browser client, or a browser with RTX munged out, has none). A
     * sending section declares the publisher's SSRC (and its RTX SSRC with RTX).
     */
    private record TestOffer(SyntheticBrowser browser, boolean sends, int vp8, int transportCcId, int rtx) {

        TestOffer withRtx(int payloadType) {
            return new TestOffer(browser, sends, vp8, transportCcId, payloadType);
        }

        TestOffer withTransportCcId(int id) {
            return new TestOffer(browser, sends, vp8, id, rtx);
        }

        String sdp() {
            List<String> lines = new ArrayList<>(List.of(
                    "v=0",
                    "o=- 1 1 IN IP4 127.0.0.1",
                    "s=-",
                    "t=0 0",
                    "a=group:BUNDLE 0",
                    "m=video 9 UDP/TLS/RTP/SAVPF " + vp8 + (rtx == 0 ? "" : " " + rtx),
                    "c=IN IP4 0.0.0.0",
                    "a=ice-ufrag:" + browser.iceUfrag(),
                    "a=ice-pwd:" + browser.icePassword(),
                    "a=fingerprint:" + browser.fingerprint().toSdpValue(),
                    "a=setup:actpass",
                    "a=mid:0",
                    "a=extmap:" + transportCcId + " " + HeaderExtension.TRANSPORT_CC,
                    sends ? "a=sendonly" : "a=recvonly",
                    "a=rtcp-mux",
                    "a=rtcp-rsize",
                    "a=rtpmap:" + vp8 + " VP8/90000",
                    "a=rtcp-fb:" + vp8 + " nack",
                    "a=rtcp-fb:" + vp8 + " transport-cc"));
            if (rtx != 0) {
                lines.add("a=rtpmap:" + rtx + " rtx/90000");
                lines.add("a=fmtp:" + rtx + " apt=" + vp8);
            }
            if (sends && rtx != 0) {
                lines.add("a=ssrc-group:FID " + PUBLISHER_SSRC + " " + (PUBLISHER_SSRC + 1));
                lines.add("a=ssrc:" + (PUBLISHER_SSRC + 1) + " cname:publisher");
            }
            if (sends) {
                lines.add("a=ssrc:" + PUBLISHER_SSRC + " cname:publisher");
            }
            return String.join("\r\n", lines) + "\r\n";
        }
    }

    /** The publisher's VP8 packet with its own transport-wide number in a one-byte header extension. */
    private static byte[] withTransportCc(int sequence, int transportSequence) {
        byte[] payload = payload(sequence);
        byte[] rtp = new byte[Rtp.FIXED_HEADER + 8 + payload.length];
        rtp[0] = (byte) 0x90; // version 2, extension
        rtp[1] = (byte) PUBLISHER_VP8;
        Bytes.putU16(rtp, 2, sequence);
        Bytes.putU32(rtp, 4, 90 * sequence);
        Bytes.putU32(rtp, 8, PUBLISHER_SSRC);
        Bytes.putU16(rtp, 12, 0xBEDE);
        Bytes.putU16(rtp, 14, 1); // one word of elements
        rtp[16] = (byte) (PUBLISHER_TRANSPORT_CC << 4 | 1); // two bytes of data
        Bytes.putU16(rtp, 17, transportSequence);
        System.arraycopy(payload, 0, rtp, 20, payload.length);
        return rtp;
    }

    private static byte[] payload(int seed) {
        byte[] payload = new byte[600];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + seed);
        }
        return payload;
    }
}
