package org.consilium.videobridge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pieces together, as the packet path is to use them, in a tumor board of 40 (last-N 16,
 * 180p tiles, the dominant speaker on stage at 720p): audio levels make a speaker dominant,
 * every receiver's allocation follows, and dynacast switches on what someone now needs at
 * once and off what nobody needs after its delay.
 */
class TumorBoardScenarioTest {

    private static final int PEOPLE = 40;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int ROOM = 85;
    private static final int VOICE = 30;

    private final DominantSpeaker speakers = new DominantSpeaker();
    private final DynacastDemand dynacast = new DynacastDemand();
    private final Map<String, Allocation> allocations = new HashMap<>();
    private final Map<String, List<Integer>> published = new HashMap<>();
    /** By source, the layers the publisher sends, as dynacast last told it (all at first). */
    private final Map<String, Set<Integer>> sending = new HashMap<>();
    private long now = TimeUnit.HOURS.toNanos(2);

    TumorBoardScenarioTest() {
        for (int i = 0; i < PEOPLE; i++) {
            published.put(id(i) + "/camera", List.of(0, 1, 2));
            sending.put(id(i) + "/camera", new TreeSet<>(List.of(0, 1, 2)));
        }
    }

    private static String id(int person) {
        return "e" + person;
    }

    /** Everyone at room level for {@code millis}, except {@code speaker}, who talks in syllables. */
    private void talk(int speaker, int millis) {
        for (int t = 0; t < millis; t += 20) {
            for (int i = 0; i < PEOPLE; i++) {
                int level = i == speaker && t % 300 < 180 ? VOICE : ROOM;
                speakers.level(id(i), level, now + i * 10_000L);
            }
            now += TimeUnit.MILLISECONDS.toNanos(20);
        }
    }

    /** Every receiver re-allocated; the dynacast switches applied as a publisher would. */
    private List<DynacastDemand.LayerSwitch> reallocate(long estimateBps) {
        List<String> ranking = speakers.ranking();
        for (int r = 0; r < PEOPLE; r++) {
            String receiver = id(r);
            List<VideoSource> sources = new ArrayList<>();
            for (int p = 0; p < PEOPLE; p++) {
                if (p != r) {
                    sources.add(BandwidthAllocatorTest.camera(id(p)));
                }
            }
            String onStage = ranking.stream().filter(s -> !s.equals(receiver)).findFirst().orElse(null);
            ReceiverConstraints constraints = new ReceiverConstraints(16, 180,
                    onStage == null ? List.of() : List.of(onStage + "/camera"), 720, Map.of());
            allocations.put(receiver, BandwidthAllocator.allocate(sources, constraints, ranking, estimateBps,
                    allocations.getOrDefault(receiver, Allocation.EMPTY)));
        }
        List<DynacastDemand.LayerSwitch> switches = dynacast.update(published, allocations.values(), Map.of(), now);
        for (DynacastDemand.LayerSwitch change : switches) {
            Set<Integer> on = new TreeSet<>();
            change.active().forEach((layer, active) -> {
                if (active) {
                    on.add(layer);
                }
            });
            sending.put(change.source(), on);
        }
        return switches;
    }

    private int layersSent() {
        return sending.values().stream().mapToInt(Set::size).sum();
    }

    @Test
    void aNewSpeakerReachesEveryStageAndDynacastFollows() {
        talk(0, 2000);
        assertEquals("e0", speakers.dominant());
        reallocate(5_000_000);
        now += 5 * SECOND;
        reallocate(5_000_000);

        // e0 on every other stage at 720p, only its 720p layer sent; e1..e16 fill the tiles at 180p; e17..e39 unwatched.
        assertEquals(2, allocations.get("e5").layer("e0/camera"));
        assertEquals(Set.of(2), sending.get("e0/camera"));
        assertEquals(Set.of(0), sending.get("e16/camera"));
        assertEquals(Set.of(), sending.get("e30/camera"));
        assertEquals(1 + 16, layersSent(), "17 of 120 camera layers cost an uplink");
        allocations.forEach((receiver, allocation) -> {
            assertEquals(16, allocation.sources().values().stream().filter(SourceAllocation::isForwarded).count());
            assertEquals(receiver.equals("e0") ? 16 * 150_000 : 1_500_000 + 15 * 150_000, allocation.totalBps(),
                    "the stage at 720p and 15 tiles at 180p (the speaker: 16 tiles, nobody on its stage)");
        });

        // e30, unwatched so far, speaks: it is dominant within 1.5 s, and its 720p layer is switched on at once.
        talk(30, 1500);
        assertEquals("e30", speakers.dominant());
        List<DynacastDemand.LayerSwitch> switches = reallocate(5_000_000);
        assertTrue(switches.contains(new DynacastDemand.LayerSwitch("e30/camera",
                new java.util.TreeMap<>(Map.of(0, false, 1, false, 2, true)))), switches.toString());
        assertEquals(2, allocations.get("e5").layer("e30/camera"));
        assertEquals(0, allocations.get("e5").layer("e0/camera"), "the previous speaker: a tile at 180p");
        assertEquals(Set.of(0, 2), sending.get("e0/camera"), "e30 still has e0 on its stage");
        assertEquals(SourceAllocation.Reason.LAST_N, allocations.get("e5").get("e16/camera").reason());

        // Five seconds on, e16 (pushed out of everyone's last-N) stops sending.
        now += 5 * SECOND;
        reallocate(5_000_000);
        assertEquals(Set.of(), sending.get("e16/camera"));
        assertEquals(Set.of(0), sending.get("e15/camera"), "still a tile for the receivers who are themselves in the top 16");
    }

    @Test
    void aReceiverOnAWeakLinkGoesAudioOnlyWithoutTouchingTheOthers() {
        talk(0, 2000);
        reallocate(5_000_000);
        Allocation weak = BandwidthAllocator.allocate(
                List.of(BandwidthAllocatorTest.camera("e0"), BandwidthAllocatorTest.camera("e1")),
                new ReceiverConstraints(16, 180, List.of("e0/camera"), 720, Map.of()), speakers.ranking(), 100_000,
                allocations.get("e7"));

        assertEquals(0, weak.totalBps());
        assertTrue(weak.sources().values().stream().allMatch(s -> s.reason() == SourceAllocation.Reason.BANDWIDTH));
        assertEquals(2, allocations.get("e5").layer("e0/camera"), "others keep the stage at 720p");
    }
}
