package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.RtcpType;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** Synthetic browsers on loopback do ICE, DTLS and SRTP with the bridge, which forwards between them. */
class ForwardingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NOTHING = Duration.ofMillis(300);
    private static final int OPUS = 111;
    private static final int VP8 = 96;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;

    @BeforeEach
    void start() throws Exception {
        bridge = loopback.bridge();
        conference = bridge.conference("tumor-board");
    }

    @Test
    void twoParticipantsReceiveEachOthersMedia() throws Exception {
        SyntheticBrowser alice = join("alice", 0xA1, 0xA2);
        SyntheticBrowser bob = join("bob", 0xB1, 0xB2);
        byte[] opus = payload(80, 1);
        byte[] vp8 = payload(1000, 2);

        alice.sendRtp(0xA1, 1, OPUS, opus);
        bob.sendRtp(0xB2, 7, VP8, vp8);

        assertPacket(bob.receiveRtp(WAIT), 0xA1, 1, opus);
        assertPacket(alice.receiveRtp(WAIT), 0xB2, 7, vp8);
    }

    @Test
    void inAConsultOfThreeEachReceivesTheOtherTwoAndNotItself() throws Exception {
        SyntheticBrowser a = join("a", 1);
        SyntheticBrowser b = join("b", 2);
        SyntheticBrowser c = join("c", 3);

        a.sendRtp(1, 10, OPUS, payload(50, 1));
        b.sendRtp(2, 20, OPUS, payload(50, 2));
        c.sendRtp(3, 30, OPUS, payload(50, 3));

        assertEquals(List.of(2, 3), ssrcsReceived(a, 2));
        assertEquals(List.of(1, 3), ssrcsReceived(b, 2));
        assertEquals(List.of(1, 2), ssrcsReceived(c, 2));
        assertNull(a.receiveRtp(NOTHING), "nobody gets their own media back");
    }

    @Test
    void aKeyframeRequestFromAReceiverReachesThePublisherOnly() throws Exception {
        SyntheticBrowser publisher = join("publisher", 0x1000);
        SyntheticBrowser viewer = join("viewer", 0x2000);
        SyntheticBrowser bystander = join("bystander", 0x3000);

        viewer.sendRtcp(RtcpCompound.pli(0x2000, 0x1000));

        MediaPacket pli = publisher.receiveRtcp(WAIT);
        assertNotNull(pli, "the publisher was asked for a keyframe");
        assertEquals(RtcpType.PSFB, pli.u8(1));
        assertEquals(RtcpType.FMT_PLI, pli.u8(0) & 0x1F);
        assertEquals(0x1000, RtcpCompound.feedbackMediaSsrc(pli, 0));
        assertNull(bystander.receiveRtcp(NOTHING));
    }

    @Test
    void keyframeRequestsAreRateLimitedPerStream() throws Exception {
        SyntheticBrowser publisher = join("publisher", 0x1000);
        SyntheticBrowser viewer = join("viewer", 0x2000);

        long first = System.nanoTime(); // before the first request can go out
        for (int i = 0; i < 20; i++) {
            viewer.sendRtcp(RtcpCompound.pli(0x2000, 0x1000));
        }

        assertNotNull(publisher.receiveRtcp(WAIT));
        // the rest of the burst is held back by the 300 ms window and asked once when it ends
        assertNotNull(publisher.receiveRtcp(WAIT), "the held-back request goes out when the window ends");
        assertTrue(System.nanoTime() - first >= KeyframeRequests.KEYFRAME_REQUEST_INTERVAL_NANOS,
                "not before the window ends");
        assertNull(publisher.receiveRtcp(Duration.ofMillis(400)), "a burst of 20 PLIs became two");
    }

    @Test
    void mediaWithAnUndeclaredSsrcIsNeverForwarded() throws Exception {
        SyntheticBrowser mallory = join("mallory", 0x6666);
        SyntheticBrowser victim = join("victim", 0x7777);
        Endpoint malloryEndpoint = conference.endpoint("mallory").orElseThrow();

        mallory.sendRtp(0x7777, 1, OPUS, payload(20, 9)); // pretends to be the victim's stream

        Eventually.until(WAIT, () -> malloryEndpoint.statistics().drops().get(EndpointDropReason.UNDECLARED_SSRC) == 1, "counted");
        assertNull(victim.receiveRtp(NOTHING));
    }

    @Test
    void replayedAndForgedSrtpIsDroppedCountedAndHarmless() throws Exception {
        SyntheticBrowser alice = join("alice", 0xA1);
        SyntheticBrowser bob = join("bob", 0xB1);
        Endpoint aliceEndpoint = conference.endpoint("alice").orElseThrow();

        byte[] wire = alice.sendRtp(0xA1, 1, OPUS, payload(40, 1));
        assertNotNull(bob.receiveRtp(WAIT));
        alice.sendRaw(wire); // replay
        // Forged as an attacker can, from the genuine packet: encrypting sequence 2 a second
        // time would reuse the GCM nonce, which SunJCE refuses (the flaky failure this was).
        byte[] genuineWire = alice.encryptRtp(0xA1, 2, OPUS, payload(40, 2));
        byte[] forged = genuineWire.clone();
        forged[forged.length - 1] ^= 1; // a fresh sequence number, but the tag does not match
        alice.sendRaw(forged);
        alice.sendRaw(Arrays.copyOf(wire, 9)); // truncated

        Eventually.until(WAIT, () -> aliceEndpoint.statistics().dropped() == 3, "all three counted");
        assertEquals(1, aliceEndpoint.statistics().drops().get(EndpointDropReason.SRTP_REPLAYED));
        assertEquals(1, aliceEndpoint.statistics().drops().get(EndpointDropReason.SRTP_AUTHENTICATION_FAILED));
        assertNull(bob.receiveRtp(NOTHING));
        alice.sendRaw(genuineWire); // the genuine packet with that number still gets through
        MediaPacket genuine = bob.receiveRtp(WAIT);
        assertNotNull(genuine, () -> "the genuine packet did not arrive; alice " + aliceEndpoint.statistics()
                + ", bob " + conference.endpoint("bob").orElseThrow().statistics()
                + ", send failures " + bridge.counters().sendFailures() + ", port drops " + bridge.counters().dropsByReason());
        assertPacket(genuine, 0xA1, 2, payload(40, 2));
    }

    @Test
    void anExpiredEndpointGetsNothingMoreAndItsMediaIsIgnored() throws Exception {
        SyntheticBrowser alice = join("alice", 0xA1);
        SyntheticBrowser bob = join("bob", 0xB1);

        conference.expireEndpoint("bob");
        alice.sendRtp(0xA1, 1, OPUS, payload(40, 1));
        bob.sendRtp(0xB1, 1, OPUS, payload(40, 1));

        assertNull(bob.receiveRtp(NOTHING));
        assertNull(alice.receiveRtp(NOTHING));
        assertTrue(conference.endpoint("bob").isEmpty());
        assertEquals(List.of(), conference.sourcesFor("alice"));
    }

    @Test
    void endpointIdsAreUniqueAndStatisticsCount() throws Exception {
        SyntheticBrowser alice = join("alice", 0xA1);
        join("bob", 0xB1);
        assertThrows(IllegalStateException.class, () -> conference.allocateEndpoint("alice"));

        alice.sendRtp(0xA1, 1, OPUS, payload(100, 1));

        Endpoint bob = conference.endpoint("bob").orElseThrow();
        Eventually.until(WAIT, () -> bob.statistics().packetsSent() == 1, "one packet sent to bob");
        EndpointStatistics aliceStatistics = conference.endpoint("alice").orElseThrow().statistics();
        assertTrue(aliceStatistics.connected());
        assertEquals(1, aliceStatistics.packetsReceived());
        assertEquals(112, aliceStatistics.bytesReceived());
        assertTrue(bridge.counters().packetsOut() >= 1);
    }

    @Test
    void aTeleIcuHubReceivesTheSourcesSelectedForItAndTheBedsidesNothing() throws Exception {
        SyntheticBrowser hub = join("hub");
        SyntheticBrowser bedOne = join("bed-1", 0x1111);
        SyntheticBrowser bedTwo = join("bed-2", 0x2222);
        conference.endpoint("bed-1").orElseThrow().selectSources(List.of());
        conference.endpoint("bed-2").orElseThrow().selectSources(List.of());
        conference.endpoint("hub").orElseThrow().selectSources(conference.sourcesFor("hub"));

        bedOne.sendRtp(0x1111, 1, OPUS, payload(60, 1));
        bedTwo.sendRtp(0x2222, 1, OPUS, payload(60, 2));

        assertEquals(List.of(0x1111, 0x2222), ssrcsReceived(hub, 2));
        assertNull(bedOne.receiveRtp(NOTHING), "bedsides do not see each other");
        assertNull(bedTwo.receiveRtp(NOTHING));
    }

    @Test
    void aNackIsAnsweredFromTheBridgesCacheAndNeverReachesThePublisher() throws Exception {
        SyntheticBrowser publisher = join(MediaSource.Kind.VIDEO, "publisher", 0x1000);
        SyntheticBrowser viewer = join(MediaSource.Kind.VIDEO, "viewer", 0x2000);
        for (int sequence = 1; sequence <= 5; sequence++) {
            publisher.sendRtp(0x1000, sequence, VP8, payload(500, sequence));
            if (sequence == 3) {
                assertTrue(viewer.loseNextRtp(WAIT), "packet 3 reached the viewer (and was lost there)");
            } else {
                assertPacket(viewer.receiveRtp(WAIT), 0x1000, sequence, payload(500, sequence));
            }
        }

        viewer.sendRtcp(RtcpReports.nack(0x2000, 0x1000, 3, 99)); // 99 was never sent: nothing to resend

        assertPacket(viewer.receiveRtp(WAIT), 0x1000, 3, payload(500, 3));
        MediaPacket toPublisher = publisher.receiveRtcp(NOTHING);
        assertTrue(toPublisher == null || toPublisher.u8(1) != RtcpType.RTPFB, "the NACK was terminated at the bridge");
        EndpointStatistics statistics = conference.endpoint("viewer").orElseThrow().statistics();
        assertEquals(1, statistics.nacksReceived());
        assertEquals(1, statistics.retransmissionsSent());
    }

    @Test
    void theBridgeReportsReceptionRelaysSenderInfoAndMeasuresRoundTrip() throws Exception {
        SyntheticBrowser publisher = join(MediaSource.Kind.VIDEO, "publisher", 0x1000);
        SyntheticBrowser viewer = join(MediaSource.Kind.VIDEO, "viewer", 0x2000);
        for (int sequence : new int[] {10, 11, 13}) { // 12 is lost on the way
            publisher.sendRtp(0x1000, sequence, VP8, payload(200, sequence));
        }

        MediaPacket report = awaitRtcp(publisher, RtcpType.RR);
        assertEquals(1, report.u8(0) & 0x1F, "one report block");
        assertEquals(0x1000, report.u32(8), "about the publisher's stream");
        assertEquals(1, report.u32(12) & 0xFFFFFF, "cumulative packets lost");
        assertEquals(13, report.u32(16), "extended highest sequence number");
        assertEquals(1, conference.endpoint("publisher").orElseThrow().statistics().packetsLost());

        long ntp = 0x0123456789ABCDEFL;
        publisher.sendRtcp(senderReport(0x1000, ntp));
        MediaPacket senderInfo = awaitRtcp(viewer, RtcpType.SR);
        assertEquals(0x1000, senderInfo.u32(4));
        assertEquals((int) (ntp >>> 32), senderInfo.u32(8));
        assertEquals(28, senderInfo.getLength(), "sender info only: the publisher's report blocks are its own business");

        viewer.sendRtcp(receiverReport(0x2000, 0x1000, (int) (ntp >>> 16)));
        Endpoint viewerEndpoint = conference.endpoint("viewer").orElseThrow();
        Eventually.until(WAIT, () -> !Double.isNaN(viewerEndpoint.statistics().roundTripMillis()), "an RTT for the viewer");
        double rtt = viewerEndpoint.statistics().roundTripMillis();
        assertTrue(rtt >= 0 && rtt < 1000, "RTT " + rtt);
    }

    /** A recorder lines tracks up by the sender reports' clock: it gets each one with its NTP and RTP times. */
    @Test
    void aRecorderGetsEachSenderReportOfTheTappedParticipant() throws Exception {
        SyntheticBrowser publisher = join(MediaSource.Kind.VIDEO, "publisher", 0x1000);
        join(MediaSource.Kind.VIDEO, "viewer", 0x2000);
        java.util.concurrent.BlockingQueue<long[]> reports = new java.util.concurrent.LinkedBlockingQueue<>();
        conference.endpoint("publisher").orElseThrow().tap(new MediaTap() {
            @Override
            public void rtp(MediaSource source, int layer, org.consilium.videobridge.sdp.PayloadFormat format,
                            MediaPacket packet, long extendedSequence, long arrivalNanos) {
            }

            @Override
            public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos) {
                reports.add(new long[] {source.ssrc(), layer, ntp, rtpTimestamp});
            }
        });
        publisher.sendRtp(0x1000, 1, VP8, payload(200, 1)); // the stream exists once a packet came
        long ntp = 0x0123456789ABCDEFL;
        publisher.sendRtcp(senderReport(0x1000, ntp));

        long[] report = reports.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertNotNull(report, "the sender report reached the recorder");
        assertEquals(0x1000, report[0]);
        assertEquals(MediaTap.SINGLE_STREAM, report[1]);
        assertEquals(ntp, report[2]);
        assertEquals(90_000, report[3], "the RTP time sampled at that NTP time");
    }

    /** A receiver that negotiated RTX (with Chromium's real offer) gets NACKed packets as RTX. */
    @Test
    void aReceiverThatNegotiatedRtxGetsRetransmissionsAsRtx() throws Exception {
        Endpoint publisherEndpoint = conference.allocateEndpoint("publisher");
        SyntheticBrowser publisher = SyntheticBrowser.join(bridge.mediaAddress(), publisherEndpoint,
                List.of(new MediaSource(MediaSource.Kind.VIDEO, 0x1000, 0x1001, "publisher", "camera")));
        loopback.closeAfter(publisher);

        Endpoint viewerEndpoint = conference.allocateEndpoint("viewer");
        SyntheticBrowser viewer = new SyntheticBrowser(bridge.mediaAddress(), viewerEndpoint.localTransport().fingerprint());
        loopback.closeAfter(viewer);
        String answer = viewerEndpoint.negotiate(chromiumOfferFrom(viewer));
        assertTrue(answer.contains("a=ssrc-group:FID 4096 4097"), answer);
        viewer.connect(viewerEndpoint.localTransport());
        Eventually.until(WAIT, () -> publisherEndpoint.isConnected() && viewerEndpoint.isConnected(), "both connected");

        for (int sequence = 1; sequence <= 3; sequence++) {
            publisher.sendRtp(0x1000, sequence, VP8, payload(300, sequence));
            if (sequence == 2) {
                assertTrue(viewer.loseNextRtp(WAIT));
            } else {
                assertNotNull(viewer.receiveRtp(WAIT));
            }
        }
        viewer.sendRtcp(RtcpReports.nack(0x2000, 0x1000, 2));

        MediaPacket rtx = viewer.receiveRtp(WAIT);
        assertNotNull(rtx, "a retransmission");
        assertEquals(0x1001, Rtp.ssrc(rtx), "on the publisher's RTX SSRC");
        assertEquals(97, Rtp.payloadType(rtx), "with Chromium's RTX payload type for VP8");
        int header = Rtp.headerLength(rtx);
        assertEquals(2, rtx.u16(header), "original sequence number first");
        assertArrayEquals(payload(300, 2), Arrays.copyOfRange(rtx.toArray(), header + 2, rtx.getLength()));
    }

    /** Chromium's captured offer, with this synthetic browser's ICE credentials and certificate. */
    private static String chromiumOfferFrom(SyntheticBrowser browser) throws java.io.IOException {
        try (var in = ForwardingTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + browser.iceUfrag())
                    .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + browser.icePassword())
                    .replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:" + browser.fingerprint().toSdpValue());
        }
    }

    private static MediaPacket awaitRtcp(SyntheticBrowser browser, int type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            MediaPacket packet = browser.receiveRtcp(WAIT);
            if (packet != null && packet.u8(1) == type) {
                return packet;
            }
        }
        throw new AssertionError("no RTCP packet of type " + type);
    }

    private static byte[] senderReport(int ssrc, long ntp) {
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) RtcpType.SR;
        sr[3] = 6;
        Bytes.putU32(sr, 4, ssrc);
        Bytes.putU32(sr, 8, (int) (ntp >>> 32));
        Bytes.putU32(sr, 12, (int) ntp);
        Bytes.putU32(sr, 16, 90_000);
        Bytes.putU32(sr, 20, 3);
        Bytes.putU32(sr, 24, 600);
        return sr;
    }

    private static byte[] receiverReport(int senderSsrc, int aboutSsrc, int lastSenderReport) {
        byte[] rr = RtcpReports.receiverReport(senderSsrc, 1);
        Bytes.putU32(rr, 8, aboutSsrc);
        Bytes.putU32(rr, 8 + 16, lastSenderReport);
        Bytes.putU32(rr, 8 + 20, 0); // no delay since the SR
        return rr;
    }

    private SyntheticBrowser join(String id, int... ssrcs) throws Exception {
        return join(MediaSource.Kind.AUDIO, id, ssrcs);
    }

    private SyntheticBrowser join(MediaSource.Kind kind, String id, int... ssrcs) throws Exception {
        List<MediaSource> sources = new ArrayList<>();
        for (int ssrc : ssrcs) {
            sources.add(new MediaSource(kind, ssrc, id, id + "-" + ssrc));
        }
        SyntheticBrowser browser = SyntheticBrowser.join(bridge.mediaAddress(), conference.allocateEndpoint(id), sources);
        loopback.closeAfter(browser);
        return browser;
    }

    private static List<Integer> ssrcsReceived(SyntheticBrowser browser, int count) throws InterruptedException {
        List<Integer> ssrcs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MediaPacket packet = browser.receiveRtp(WAIT);
            assertNotNull(packet, "packet " + (i + 1) + " of " + count);
            ssrcs.add(Rtp.ssrc(packet));
        }
        ssrcs.sort(null);
        return ssrcs;
    }

    private static void assertPacket(MediaPacket packet, int ssrc, int sequence, byte[] payload) {
        assertNotNull(packet, "a packet arrived");
        assertEquals(ssrc, Rtp.ssrc(packet));
        assertEquals(sequence, Rtp.sequenceNumber(packet));
        byte[] bytes = packet.toArray();
        assertArrayEquals(payload, Arrays.copyOfRange(bytes, 12, bytes.length));
    }

    private static byte[] payload(int length, int seed) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31 + seed);
        }
        return payload;
    }
}
