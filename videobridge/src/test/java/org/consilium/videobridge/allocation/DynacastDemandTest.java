package org.consilium.videobridge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Layers nobody receives are switched off at the publisher, late; needed ones on, at once; only changes are told. */
class DynacastDemandTest {

    private static final Map<String, List<Integer>> PUBLISHED = Map.of("e1/camera", List.of(0, 1, 2),
            "e2/screen", List.of(0));
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static Allocation receiving(Map<String, Integer> layers) {
        Map<String, SourceAllocation> sources = new java.util.LinkedHashMap<>();
        layers.forEach((source, layer) -> sources.put(source, layer == SourceAllocation.NONE
                ? SourceAllocation.paused(source, SourceAllocation.Reason.LAST_N)
                : new SourceAllocation(source, layer, 0, 0, SourceAllocation.Reason.FORWARDED)));
        return new Allocation(sources, 0, 0);
    }

    private static DynacastDemand.LayerSwitch layers(String source, boolean... active) {
        TreeMap<Integer, Boolean> map = new TreeMap<>();
        for (int i = 0; i < active.length; i++) {
            map.put(i, active[i]);
        }
        return new DynacastDemand.LayerSwitch(source, map);
    }

    @Test
    void receivedIsTheUnionOfWhatEveryReceiverGets() {
        Map<String, Set<Integer>> received = DynacastDemand.received(List.of(
                receiving(Map.of("e1/camera", 0, "e2/screen", SourceAllocation.NONE)),
                receiving(Map.of("e1/camera", 2)),
                receiving(Map.of("e1/camera", 0))));

        assertEquals(Map.of("e1/camera", Set.of(0, 2)), received);
    }

    @Test
    void anUnwatchedLayerGoesOffAfterTheDelayAndOnAgainAtOnce() {
        DynacastDemand demand = new DynacastDemand();
        List<Allocation> lowOnly = List.of(receiving(Map.of("e1/camera", 0, "e2/screen", 0)));

        assertEquals(List.of(), demand.update(PUBLISHED, lowOnly, Map.of(), 0), "publishers start with all on");
        assertEquals(List.of(), demand.update(PUBLISHED, lowOnly, Map.of(), 4 * SECOND), "not yet: a dip is no reason");
        assertEquals(List.of(layers("e1/camera", true, false, false)),
                demand.update(PUBLISHED, lowOnly, Map.of(), 5 * SECOND));
        assertEquals(List.of(), demand.update(PUBLISHED, lowOnly, Map.of(), 6 * SECOND), "told once");
        assertTrue(demand.switchedOff("e1/camera", 2));
        assertFalse(demand.switchedOff("e1/camera", 0));
        assertFalse(demand.switchedOff("e9/camera", 0), "never heard of");

        List<Allocation> oneAt720 = List.of(receiving(Map.of("e1/camera", 2, "e2/screen", 0)),
                receiving(Map.of("e1/camera", 0)));
        assertEquals(List.of(layers("e1/camera", true, false, true)),
                demand.update(PUBLISHED, oneAt720, Map.of(), 6 * SECOND + 1), "switched on before anyone is moved");
        assertFalse(demand.switchedOff("e1/camera", 2));
    }

    @Test
    void aLayerStillForwardedDuringASwitchStaysOn() {
        DynacastDemand demand = new DynacastDemand();
        // The receiver's allocation moved to 180p, but until 180p's keyframe the packet path still forwards 720p.
        List<Allocation> targetLow = List.of(receiving(Map.of("e1/camera", 0, "e2/screen", 0)));
        Map<String, Set<Integer>> forwarding = Map.of("e1/camera", Set.of(2));

        assertEquals(List.of(), demand.update(PUBLISHED, targetLow, forwarding, 10 * SECOND));
        assertEquals(List.of(layers("e1/camera", true, false, true)),
                demand.update(PUBLISHED, targetLow, forwarding, 15 * SECOND), "360p: nobody gets it");
        assertEquals(List.of(), demand.update(PUBLISHED, targetLow, Map.of(), 17 * SECOND), "the switch happened");
        assertEquals(List.of(), demand.update(PUBLISHED, targetLow, Map.of(), 21 * SECOND));
        assertEquals(List.of(layers("e1/camera", true, false, false)),
                demand.update(PUBLISHED, targetLow, Map.of(), 22 * SECOND), "5 s after it stopped being forwarded");
    }

    @Test
    void aSourceNobodyWatchesIsSwitchedOffEntirelyAndAGoneSourceIsForgotten() {
        DynacastDemand demand = new DynacastDemand();
        List<Allocation> nobody = List.of(receiving(Map.of("e1/camera", SourceAllocation.NONE)));

        demand.update(PUBLISHED, nobody, Map.of(), 0);
        List<DynacastDemand.LayerSwitch> off = demand.update(PUBLISHED, nobody, Map.of(), 5 * SECOND);

        assertEquals(Set.of(layers("e1/camera", false, false, false), layers("e2/screen", false)), Set.copyOf(off));
        assertEquals(List.of(), demand.update(Map.of("e2/screen", List.of(0)), nobody, Map.of(), 6 * SECOND));
        // e1 published again (a new track under the same name): it starts with all on, as a browser does.
        assertEquals(List.of(), demand.update(PUBLISHED, nobody, Map.of(), 7 * SECOND));
        assertEquals(List.of(layers("e1/camera", false, false, false)),
                demand.update(PUBLISHED, nobody, Map.of(), 12 * SECOND));
    }
}
