package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call's media over two real bridges on loopback: node 1's runs the call, node 2's takes the
 * members beyond the first (the policy of this test), joined by a relay. Node 2's part is
 * {@link CascadeHost}, reached here in-process instead of over the cluster.
 */
class CascadedCallMediaTest {

    private static final String ROOM = "0e9a3f52-7b1c-4f7e-9d55-1a2b3c4d5e6f";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CascadeHost.NewsSink NO_NEWS = (owner, room, news) -> { };

    private ExecutorService threads;
    private Videobridge here;
    private Videobridge there;
    private InProcessBridges remote;
    private CascadedCallMedia media;
    private Conference conference;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        here = Videobridge.start(BridgeConfig.loopback(), threads);
        there = Videobridge.start(BridgeConfig.loopback(), threads);
        remote = new InProcessBridges(new CascadeHost(() -> there, NO_NEWS));
        conference = here.conference(ROOM);
        media = new CascadedCallMedia(ROOM, conference, remote, participantsHere ->
                participantsHere >= 1 ? Optional.of("node-2") : Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        here.close();
        there.close();
        threads.shutdownNow();
    }

    @Test
    void theFirstParticipantStaysHereTheNextGoesToTheOtherBridgeJoinedByOneRelay() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        media.allocate("lee");

        assertTrue(conference.endpoint("ana").isPresent(), "the first on this bridge");
        assertEquals(Optional.of("node-2"), media.bridgeOf("maria"));
        Conference part = there.findConference(ROOM).orElseThrow();
        assertTrue(part.endpoint("maria").isPresent() && part.endpoint("lee").isPresent(), "the next on the other");
        assertEquals(List.of("ana", "relay-to-node-2"), ids(conference));
        assertEquals(List.of("lee", "maria", "relay-from-node-1"), ids(part), "one relay for both");
        Endpoint relay = conference.endpoint("relay-to-node-2").orElseThrow();
        Endpoint otherEnd = part.endpoint("relay-from-node-1").orElseThrow();
        poll(() -> relay.isConnected() && otherEnd.isConnected(), "both ends of the relay connected");
        assertTrue(media.has("maria") && media.has("ana"));
    }

    @Test
    void aRemoteMembersOfferIsAnsweredThereAndTheSourcesOfEachSideReachTheOther() throws Exception {
        media.allocate("ana");
        media.allocate("maria");

        CallMedia.Negotiated maria = media.negotiate("maria", offer(0)).orElseThrow();
        assertTrue(maria.answer().contains(" " + there.mediaAddress().getPort() + " typ host"),
                "answered by the other bridge, with its address");
        List<MediaSource> relayedHere = conference.endpoint("relay-to-node-2").orElseThrow().sources();
        assertEquals(2, relayedHere.size(), "Maria's microphone and camera come through the relay");
        assertEquals(Map.of(MediaSource.Kind.AUDIO, 1, MediaSource.Kind.VIDEO, 1), media.slotsNeeded(List.of("ana")).get("ana"));

        media.negotiate("ana", offer(1)).orElseThrow();
        assertEquals(2, there.findConference(ROOM).orElseThrow().endpoint("relay-from-node-1").orElseThrow().sources().size(),
                "Ana's go the other way");
        Map<String, Map<MediaSource.Kind, Integer>> slots = media.slotsNeeded(List.of("ana", "maria", "nobody"));
        assertEquals(Map.of(MediaSource.Kind.AUDIO, 1, MediaSource.Kind.VIDEO, 1), slots.get("maria"), "asked of the other bridge");
        assertEquals(Map.of(MediaSource.Kind.AUDIO, 1, MediaSource.Kind.VIDEO, 1), slots.get("ana"));
        assertEquals(2, slots.size(), "nobody has no endpoint");

        ReceiverConstraints tiles = new ReceiverConstraints(2, 180, List.of(), 720, Map.of());
        media.constrain("maria", tiles);
        assertEquals(tiles, there.findConference(ROOM).orElseThrow().endpoint("maria").orElseThrow().receiverConstraints());
    }

    @Test
    void aBadOfferThereIsRefusedHereWithItsReason() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        InvalidSdpException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidSdpException.class,
                () -> media.negotiate("maria", "v=0\r\nnonsense"));
        assertFalse(refused.getMessage().isBlank());
        assertEquals(Optional.empty(), media.negotiate("nobody", offer(0)), "no endpoint, no answer");
    }

    @Test
    void aRemoteMemberWhoLeavesTakesTheirSourcesOffThisBridge() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        media.negotiate("maria", offer(0)).orElseThrow();

        media.expire("maria");

        assertFalse(media.has("maria"));
        assertEquals(List.of(), conference.endpoint("relay-to-node-2").orElseThrow().sources());
        assertFalse(there.findConference(ROOM).orElseThrow().endpoint("maria").isPresent());
    }

    @Test
    void aBridgeThatStopsAnsweringIsForgottenAndItsMembersNextEndpointIsHere() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        media.allocate("lee");
        List<String> lost = new java.util.ArrayList<>();
        media.whenLost(lost::add);
        remote.reachable = false;

        assertEquals(Optional.empty(), media.negotiate("maria", offer(0)), "no answer from there");
        assertEquals(List.of("lee", "maria"), lost.stream().sorted().toList(), "both told to connect again");
        assertFalse(conference.endpoint("relay-to-node-2").isPresent(), "the relay ended");
        media.allocate("maria"); // her browser reconnects
        assertTrue(conference.endpoint("maria").isPresent(), "here, since the other bridge does not answer");
    }

    @Test
    void whenTheCallIsOverTheOtherBridgesConferenceGoes() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        media.stopListening();

        assertTrue(there.findConference(ROOM).isEmpty(), "dropped there");
        assertFalse(conference.endpoint("relay-to-node-2").isPresent());
    }

    @Test
    void aRelayFromANodeThatRanTheCallBeforeIsReplaced() throws Exception {
        CascadeHost host = new CascadeHost(() -> there, NO_NEWS);
        Endpoint old = here.conference("elsewhere").initiateRelay("x");
        host.acceptRelay("node-3", ROOM, old.localTransport().iceUfrag(), old.localTransport().fingerprint());
        there.findConference(ROOM).orElseThrow().allocateEndpoint("ghost");

        media.allocate("ana");
        media.allocate("maria");

        assertEquals(List.of("maria", "relay-from-node-1"), ids(there.findConference(ROOM).orElseThrow()),
                "node 3's relay and members are gone");
    }

    @Test
    void whenTheOtherNodeLeavesTheClusterItsMembersAreToldToConnectAgainAtOnce() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        List<String> lost = new java.util.ArrayList<>();
        media.whenLost(lost::add);

        media.keepBridgesOf(List.of("node-1", "node-2"));
        assertEquals(List.of(), lost, "both still members");
        media.keepBridgesOf(List.of("node-1"));

        assertEquals(List.of("maria"), lost);
        assertFalse(media.has("maria"));
        assertFalse(conference.endpoint("relay-to-node-2").isPresent(), "the relay ended");
    }

    @Test
    void whatABridgeHoldsForANodeThatLeftTheClusterGoes() throws Exception {
        media.allocate("ana");
        media.allocate("maria");
        CascadeHost host = new CascadeHost(() -> there, NO_NEWS);

        assertEquals(List.of(), host.keepOnlyFor(List.of("node-1", "node-2")), "node 1 is still a member");
        assertTrue(there.findConference(ROOM).isPresent());
        assertEquals(List.of(ROOM), host.keepOnlyFor(List.of("node-2")), "node 1 left");
        assertTrue(there.findConference(ROOM).isEmpty());
    }

    @Test
    void aNodeRunningTheRoomsCallItselfHoldsNoPartOfAnothersAndTheMemberStaysHere() throws Exception {
        there.conference(ROOM).allocateEndpoint("own"); // node 2 runs a call of this room (a split, for a moment)
        media.allocate("ana");
        media.allocate("maria");

        assertTrue(conference.endpoint("maria").isPresent(), "here");
        assertEquals(List.of("own"), ids(there.findConference(ROOM).orElseThrow()), "node 2's own call untouched");
    }

    @Test
    void aConferenceThisBridgeHeldForAnotherNodesCallKeepsNothingOfThatRelayWhenTheCallRunsHere() throws Exception {
        Conference held = there.conference("taken-over");
        Endpoint old = here.conference("elsewhere").initiateRelay("x");
        new CascadeHost(() -> there, NO_NEWS).acceptRelay("node-1", "taken-over", old.localTransport().iceUfrag(),
                old.localTransport().fingerprint());
        held.allocateEndpoint("maria");

        new CascadedCallMedia("taken-over", held, remote, participantsHere -> Optional.empty());

        assertEquals(List.of("maria"), ids(held), "node 1's relay is gone; Maria's endpoint goes as she comes back");
    }

    private static List<String> ids(Conference conference) {
        return conference.endpoints().stream().map(Endpoint::id).sorted().toList();
    }

    private static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Chromium's offer, its SSRCs shifted by {@code shift} so that two browsers' do not collide. */
    private static String offer(int shift) throws Exception {
        String sdp;
        try (InputStream in = CascadedCallMediaTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            sdp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (shift == 0) {
            return sdp;
        }
        Matcher ssrcs = Pattern.compile("a=ssrc:(\\d+) ").matcher(sdp);
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        while (ssrcs.find()) {
            seen.add(ssrcs.group(1));
        }
        for (String ssrc : seen) {
            sdp = sdp.replace(ssrc, Long.toString(Long.parseLong(ssrc) - shift));
        }
        return sdp;
    }
}
