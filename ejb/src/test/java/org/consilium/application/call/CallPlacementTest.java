package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.domain.cluster.BridgeLoad;
import org.junit.jupiter.api.Test;

class CallPlacementTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    private static BridgeLoad bridge(String node, int endpoints, double loadPerCore, boolean draining) {
        return new BridgeLoad(node, "10.0.0.1:10000", endpoints / 2, endpoints, 0, 0, loadPerCore, draining, NOW);
    }

    private static Optional<String> place(List<BridgeLoad> bridges, boolean selfDraining, Map<String, Integer> recent) {
        return CallPlacement.leastLoaded(bridges, "node-1", selfDraining, recent, NOW, 0.9);
    }

    @Test
    void aNewCallGoesToTheBridgeWithFewestEndpoints() {
        assertEquals(Optional.of("node-2"), place(List.of(bridge("node-1", 6, 0.2, false), bridge("node-2", 2, 0.2, false),
                bridge("node-3", 4, 0.2, false)), false, Map.of()));
    }

    @Test
    void onATieTheCallStaysWhereItsSignalingIs() {
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 2, 0.5, false), bridge("node-2", 2, 0.1, false)),
                false, Map.of()));
    }

    @Test
    void callsPlacedSinceABridgesLastReportCount() {
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 2, 0.2, false), bridge("node-2", 0, 0.2, false)),
                false, Map.of("node-2", 1)));
        assertEquals(Optional.of("node-3"), place(List.of(bridge("node-1", 4, 0.2, false), bridge("node-2", 0, 0.2, false),
                bridge("node-3", 1, 0.2, false)), false, Map.of("node-2", 1)));
    }

    @Test
    void drainedBridgesTakeNoNewCall() {
        assertEquals(Optional.of("node-2"), place(List.of(bridge("node-1", 0, 0.2, false), bridge("node-2", 8, 0.2, false)),
                true, Map.of()));
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 8, 0.2, false), bridge("node-2", 0, 0.2, true)),
                false, Map.of()));
    }

    @Test
    void aDrainedNodeAloneKeepsTheDecisionItsRefusalMakes() {
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 0, 0.2, true)), true, Map.of()));
    }

    @Test
    void aBridgeOverItsLimitTakesNoneWhileAnotherIsUnderIt() {
        assertEquals(Optional.of("node-2"), place(List.of(bridge("node-1", 0, 1.5, false), bridge("node-2", 10, 0.3, false)),
                false, Map.of()));
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 0, 1.5, false), bridge("node-2", 10, 1.2, false)),
                false, Map.of()), "all over: the least loaded still takes it");
    }

    @Test
    void staleReportsAndBridgesWithoutMediaAreNotChosen() {
        BridgeLoad stale = new BridgeLoad("node-2", "10.0.0.2:10000", 0, 0, 0, 0, 0.1, false, NOW.minusSeconds(30));
        BridgeLoad noMedia = new BridgeLoad("node-3", "", 0, 0, 0, 0, 0.1, false, NOW);
        assertEquals(Optional.empty(), place(List.of(bridge("node-1", 6, 0.2, false), stale, noMedia), false, Map.of()));
    }
}
