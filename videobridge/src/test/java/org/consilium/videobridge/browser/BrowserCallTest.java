package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.bwe.BandwidthEstimator;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.EndpointDropReason;
import org.consilium.videobridge.conference.EndpointStatistics;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three headless Chromium participants in one conference through the bridge: each decodes
 * the other two's video and receives their audio; one leaves and its streams end for the
 * others; it rejoins and is seen again. Bad packets thrown at the port mid-call are counted
 * and change nothing.
 */
class BrowserCallTest {

    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");

    private static CallTestBed bed;
    private static Videobridge bridge;
    private static Conference conference;
    private static Participants call;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        bed = new CallTestBed(BridgeConfig.loopback(), "tumor-board");
        bridge = bed.bridge;
        conference = bed.conference;
        call = bed.call;
        for (String person : PEOPLE) {
            call.add(person, new Chromium());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void threeParticipantsSeeAndHearEachOtherLeaveAndRejoin() {
        PEOPLE.forEach(BrowserCallTest::join);
        call.awaitEveryoneSeesEveryone();

        call.leave("bob");
        call.awaitNothingFrom("alice", "bob");
        call.awaitNothingFrom("carol", "bob");
        call.awaitMediaFlowing("alice", "carol");

        join("bob");
        call.awaitEveryoneSeesEveryone();
        for (String person : PEOPLE) {
            assertEquals(List.of(), call.pageErrors(person), person + "'s page reported errors");
        }
    }

    @Test
    void bridgeMeasuresRoundTripAndPublishersBandwidthRampsUp() {
        PEOPLE.forEach(BrowserCallTest::join);
        call.awaitMediaFlowing("alice", "bob");
        // Chromium starts its estimate at 300 kbit/s and, without feedback, sinks below 100;
        // only transport-cc feedback from the bridge lets it climb.
        Eventually.within(Participants.MEDIA_WAIT, () -> outgoingBitrate("alice") > 600_000,
                () -> "alice's available outgoing bitrate stayed at " + outgoingBitrate("alice"));
        Eventually.within(Participants.MEDIA_WAIT,
                () -> !Double.isNaN(conference.endpoint("alice").orElseThrow().statistics().roundTripMillis()),
                () -> "no round-trip time for alice: " + call.bridgeStatistics());
        EndpointStatistics alice = conference.endpoint("alice").orElseThrow().statistics();
        assertTrue(alice.roundTripMillis() >= 0 && alice.roundTripMillis() < 1000, "RTT on loopback " + alice.roundTripMillis());
        assertTrue(alice.packetsReceived() > 0 && alice.packetsSent() > 0, alice.toString());
    }

    /**
     * Chromium's own transport-cc feedback, read by the bridge: none refused, and the
     * estimate for each receiver leaves the start value as the feedback comes in.
     */
    @Test
    void theBridgeReadsChromiumsTransportCcFeedbackForEachReceiversEstimate() {
        PEOPLE.forEach(BrowserCallTest::join);
        call.awaitEveryoneSeesEveryone();
        for (String person : PEOPLE) {
            Endpoint receiver = conference.endpoint(person).orElseThrow();
            Eventually.within(Participants.MEDIA_WAIT, () -> receiver.bandwidthEstimateBps() != BandwidthEstimator.START_BPS,
                    () -> person + "'s estimate never moved: " + receiver.statistics());
            assertEquals(0, receiver.statistics().drops().get(EndpointDropReason.MALFORMED_TRANSPORT_CC),
                    () -> person + ": " + receiver.statistics());
        }
    }

    @Test
    void randomAndMutatedPacketsDuringTheCallAreDroppedAndCountedWhileMediaFlows() throws Exception {
        PEOPLE.forEach(BrowserCallTest::join);
        call.awaitEveryoneSeesEveryone();
        TransportCounters counters = bridge.counters();
        long droppedBefore = counters.droppedTotal();
        List<LocalTransport> live = conference.endpoints().stream().map(e -> e.localTransport()).toList();
        int sent = PacketFuzzer.send(bridge.mediaAddress(), live, 3000, 20261122L);
        Eventually.within(Participants.MEDIA_WAIT,
                () -> counters.droppedTotal() - droppedBefore == sent,
                () -> "sent " + sent + " bad packets, the bridge counted "
                        + (counters.droppedTotal() - droppedBefore)
                        + " drops: " + counters.dropsByReason());
        assertEquals(0, counters.dropCount(DropReason.INTERNAL_ERROR), "no stage may throw");
        call.awaitEveryoneSeesEveryone();
    }

    /** Alice sends VGA at 30 fps (an encoder that wants more than the 300 kbit/s start estimate); the others QVGA at 15. */
    private static void join(String person) {
        if (person.equals("alice")) {
            call.join(person, 640, 480, 30);
        } else {
            call.join(person, 320, 240, 15);
        }
    }

    private static double outgoingBitrate(String person) {
        return Participants.number(call.browser(person).stats().get("outgoingBitrate"));
    }
}
