package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.bwe.BandwidthEstimator;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.rtp.TransportCcFeedback;
import org.consilium.videobridge.sdp.HeaderExtension;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A viewer whose link loses most of what the bridge sends it says so in its transport-cc
 * feedback, as a browser does, and the bridge's estimate for it falls; a feedback packet
 * that does not parse is counted and harms nothing. Both sides negotiate transport-cc with
 * SDP (different extension ids), so each copy carries the viewer's own transport-wide number.
 */
class ReceiverBandwidthTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int PUBLISHER_SSRC = 0x1000;
    private static final int VIEWER_SSRC = 0x2000;
    private static final int VP8 = 96;
    private static final int PUBLISHER_TRANSPORT_CC = 5;
    private static final int VIEWER_TRANSPORT_CC = 3;
    private static final int PUBLISHER_RTX_SSRC = 0x1001;
    private static final int RTX = 97;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Conference conference;
    private SyntheticBrowser publisher;
    private SyntheticBrowser viewer;
    private Endpoint viewerEndpoint;
    private int sequence;

    @BeforeEach
    void start() {
        conference = loopback.bridge().conference("tumor-board");
    }

    private void joinBoth(boolean rtx) throws Exception {
        publisher = join(loopback.bridge(), "publisher", true, rtx);
        viewer = join(loopback.bridge(), "viewer", false, rtx);
        viewerEndpoint = conference.endpoint("viewer").orElseThrow();
    }

    @Test
    void feedbackReportingHeavyLossLowersTheViewersEstimate() throws Exception {
        joinBoth(false);
        assertEquals(BandwidthEstimator.START_BPS, viewerEndpoint.bandwidthEstimateBps(), "nothing reported yet");
        TransportCcFeedback arrivals = new TransportCcFeedback();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int forwarded = 0;
        while (viewerEndpoint.bandwidthEstimateBps() >= 0.8 * BandwidthEstimator.START_BPS
                && System.nanoTime() < deadline) {
            // Small packets (about 110 kbit/s): the video fits under every estimate on the way
            // down, so the allocation does not pause it while the test still needs its copies.
            // (With 640 kbit/s, a first small decrease on a slow machine paused it at once.)
            publisher.sendRtp(withTransportCc(++sequence, 100));
            byte[] wire = viewer.nextRtpDatagram(WAIT);
            if (wire == null) {
                long now = viewerEndpoint.bandwidthEstimateBps();
                assertTrue(now < 0.8 * BandwidthEstimator.START_BPS, () -> "packet " + sequence
                        + " did not reach the viewer while its estimate was " + now + ": " + viewerEndpoint.allocation());
                break; // the estimate fell in the meantime, and the allocation held the video back: as it should
            }
            MediaPacket copy = MediaPacket.copyOf(wire, 0, wire.length);
            assertEquals(SrtpOutcome.OK, viewer.decryptRtp(copy));
            int transportSequence = RtpRewriter.transportSequence(copy, VIEWER_TRANSPORT_CC);
            assertTrue(transportSequence >= 0, "the viewer's copy carries its transport-wide number");
            // the first 20 arrive, then three of every four are lost on the way
            if (++forwarded <= 20 || forwarded % 4 == 0) {
                arrivals.received(transportSequence, System.nanoTime() / 1_000);
            }
            if (forwarded % 10 == 0) {
                byte[] feedback = arrivals.write(VIEWER_SSRC, PUBLISHER_SSRC);
                if (feedback != null) {
                    viewer.sendRtcp(feedback);
                }
            }
            LockSupport.parkNanos(10_000_000); // a 100 packets/s stream, as video at a low rate
        }
        long estimate = viewerEndpoint.bandwidthEstimateBps();
        assertTrue(estimate < 0.8 * BandwidthEstimator.START_BPS, () -> "estimate " + estimate + " after "
                + viewerEndpoint.statistics());
        assertEquals(estimate, viewerEndpoint.statistics().bandwidthEstimateBps());
        assertEquals(0, viewerEndpoint.statistics().drops().get(EndpointDropReason.MALFORMED_TRANSPORT_CC));
        assertEquals(BandwidthEstimator.START_BPS, conference.endpoint("publisher").orElseThrow().bandwidthEstimateBps(),
                "the publisher received nothing and reported nothing: its estimate is its own");
    }

    @Test
    void malformedFeedbackIsCountedAndTheCallGoesOn() throws Exception {
        joinBoth(false);
        forwardOne();
        byte[] noStatuses = new byte[20];
        noStatuses[0] = (byte) (0x80 | 15);
        noStatuses[1] = (byte) 205;
        noStatuses[3] = 4; // five words; status count 0
        viewer.sendRtcp(noStatuses);

        Eventually.until(WAIT, () -> viewerEndpoint.statistics().drops().get(EndpointDropReason.MALFORMED_TRANSPORT_CC)
                == 1, "the malformed feedback counted");
        assertEquals(BandwidthEstimator.START_BPS, viewerEndpoint.bandwidthEstimateBps());
        assertEquals(0, viewerEndpoint.statistics().drops().get(EndpointDropReason.MALFORMED_RTCP),
                "the compound itself was well formed");
        forwardOne();
    }

    /**
     * The allocation would like 5 Mbit/s for the viewer: the bridge probes with RTX repeats
     * of what it forwarded, each with its own transport-wide number; the viewer reports all
     * it gets (stamped by its socket's reader as it arrives), and the estimate climbs from
     * the start rate. Without a desired rate no repeat is sent.
     */
    @Test
    void probesAsRtxWhenMoreIsWantedAndTheEstimateRises() throws Exception {
        joinBoth(true);
        AtomicInteger repeats = new AtomicInteger();
        AtomicInteger unnumbered = new AtomicInteger();
        TransportCcFeedback arrivals = new TransportCcFeedback();
        viewer.countMediaOnly((wire, length, nowNanos) -> {
            MediaPacket header = new MediaPacket(wire, 0, length); // SRTP leaves the header in the clear
            if (Rtp.ssrc(header) == PUBLISHER_RTX_SSRC) {
                repeats.incrementAndGet();
            }
            int transportSequence = RtpRewriter.transportSequence(header, VIEWER_TRANSPORT_CC);
            if (transportSequence < 0) {
                unnumbered.incrementAndGet();
            }
            synchronized (arrivals) {
                arrivals.received(transportSequence, nowNanos / 1_000);
            }
        });
        for (int i = 0; i < 60; i++) {
            sendPaced();
        }
        Eventually.until(WAIT, () -> viewer.mediaCounted() >= 60, "60 copies at the viewer");
        viewerEndpoint.setDesiredBitrate(5_000_000); // more than the video: only probes can prove it
        long deadline = System.nanoTime() + WAIT.toNanos();
        // 1.5 x the start: a probe result, or growth; even a back-off (on a busy machine the
        // reader's jitter can look like a queue) leaves 0.85 x the ~1.8 Mbit/s received
        while ((viewerEndpoint.bandwidthEstimateBps() < 1.5 * BandwidthEstimator.START_BPS || repeats.get() == 0)
                && System.nanoTime() < deadline) {
            for (int i = 0; i < 10; i++) {
                sendPaced();
            }
            byte[] feedback;
            synchronized (arrivals) {
                feedback = arrivals.write(VIEWER_SSRC, PUBLISHER_SSRC);
            }
            if (feedback != null) {
                viewer.sendRtcp(feedback);
            }
        }
        long estimate = viewerEndpoint.bandwidthEstimateBps();
        assertTrue(estimate >= 1.5 * BandwidthEstimator.START_BPS, () -> "estimate " + estimate + " after "
                + viewerEndpoint.statistics());
        assertTrue(repeats.get() > 0, "probes went out as RTX");
        assertEquals(0, unnumbered.get(), "every copy and repeat carries a transport-wide number");
        assertEquals(0, viewerEndpoint.statistics().nacksReceived(), "no repeat was asked for");
    }

    /** One 1,100-byte packet from the publisher, then 5 ms: video at about 1.8 Mbit/s. */
    private void sendPaced() throws Exception {
        publisher.sendRtp(withTransportCc(++sequence, 1_100));
        LockSupport.parkNanos(5_000_000);
    }

    /** The publisher sends one packet; returns the viewer's copy, decrypted. */
    private MediaPacket forwardOne() throws Exception {
        publisher.sendRtp(withTransportCc(++sequence, 800));
        byte[] wire = viewer.nextRtpDatagram(WAIT);
        assertNotNull(wire, "packet " + sequence + " reached the viewer");
        MediaPacket clear = MediaPacket.copyOf(wire, 0, wire.length);
        assertEquals(SrtpOutcome.OK, viewer.decryptRtp(clear));
        assertEquals(sequence & 0xFFFF, Rtp.sequenceNumber(clear));
        return clear;
    }

    private SyntheticBrowser join(Videobridge bridge, String id, boolean sends, boolean rtx) throws Exception {
        Endpoint endpoint = conference.allocateEndpoint(id);
        SyntheticBrowser browser = loopback.closeAfter(
                new SyntheticBrowser(bridge.mediaAddress(), endpoint.localTransport().fingerprint()));
        endpoint.negotiate(offer(browser, sends, rtx));
        browser.connect(endpoint.localTransport());
        Eventually.until(WAIT, endpoint::isConnected, id + " connected");
        return browser;
    }

    private static String offer(SyntheticBrowser browser, boolean sends, boolean rtx) {
        List<String> lines = new ArrayList<>(List.of(
                "v=0",
                "o=- 1 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=video 9 UDP/TLS/RTP/SAVPF " + VP8 + (rtx ? " " + RTX : ""),
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + browser.iceUfrag(),
                "a=ice-pwd:" + browser.icePassword(),
                "a=fingerprint:" + browser.fingerprint().toSdpValue(),
                "a=setup:actpass",
                "a=mid:0",
                "a=extmap:" + (sends ? PUBLISHER_TRANSPORT_CC : VIEWER_TRANSPORT_CC) + " " + HeaderExtension.TRANSPORT_CC,
                sends ? "a=sendonly" : "a=recvonly",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:" + VP8 + " VP8/90000",
                "a=rtcp-fb:" + VP8 + " nack",
                "a=rtcp-fb:" + VP8 + " transport-cc"));
        if (rtx) {
            lines.add("a=rtpmap:" + RTX + " rtx/90000");
            lines.add("a=fmtp:" + RTX + " apt=" + VP8);
        }
        if (sends && rtx) {
            lines.add("a=ssrc-group:FID " + PUBLISHER_SSRC + " " + PUBLISHER_RTX_SSRC);
            lines.add("a=ssrc:" + PUBLISHER_RTX_SSRC + " cname:publisher");
        }
        lines.add(sends ? "a=ssrc:" + PUBLISHER_SSRC + " cname:publisher" : "a=ssrc:" + VIEWER_SSRC + " cname:viewer");
        return String.join("\r\n", lines) + "\r\n";
    }

    /** A VP8 packet with the publisher's own transport-wide number. */
    private static byte[] withTransportCc(int sequence, int payloadBytes) {
        byte[] rtp = new byte[Rtp.FIXED_HEADER + 8 + payloadBytes];
        rtp[0] = (byte) 0x90;
        rtp[1] = (byte) VP8;
        Bytes.putU16(rtp, 2, sequence);
        Bytes.putU32(rtp, 4, 3000 * sequence);
        Bytes.putU32(rtp, 8, PUBLISHER_SSRC);
        Bytes.putU16(rtp, 12, 0xBEDE);
        Bytes.putU16(rtp, 14, 1);
        rtp[16] = (byte) (PUBLISHER_TRANSPORT_CC << 4 | 1);
        Bytes.putU16(rtp, 17, 5000 + sequence);
        return rtp;
    }
}
