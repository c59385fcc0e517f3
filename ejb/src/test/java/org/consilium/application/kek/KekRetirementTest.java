package org.consilium.application.kek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When an old KEK version may be destroyed: nothing left under it anywhere that reported since it was replaced. */
class KekRetirementTest {

    private static final Set<Integer> ON_TOKEN = Set.of(1, 2, 3);
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void allowedWhenTheDatabaseAndEveryNodeReportNoneUnderItSinceTheRotation() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of(3, 5L)), report("node-2", 3, Map.of(3, 2L)));
        assertEquals(Optional.empty(), KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports));
        assertEquals(Optional.empty(), KekRetirement.refusal(1, 3, ON_TOKEN, 0, "node-1", reports));
    }

    @Test
    void theCurrentVersionAndAVersionNotOnTheTokenAreRefused() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()));
        assertTrue(KekRetirement.refusal(3, 3, ON_TOKEN, 0, "node-1", reports).orElseThrow().contains("current version"));
        assertTrue(KekRetirement.refusal(4, 3, ON_TOKEN, 0, "node-1", reports).orElseThrow().contains("no KEK version 4"));
    }

    @Test
    void envelopesLeftInTheDatabaseRefuse() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 1, "node-1", reports).orElseThrow()
                .startsWith("The database still holds 1 envelope under version 2"));
    }

    @Test
    void thisNodeMustHaveCheckedSinceTheRotationEvenWithNoRecordings() {
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of()).orElseThrow()
                .startsWith("This appliance (node-1) has not checked"));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of(report("node-1", 2, Map.of()))).isPresent());
    }

    @Test
    void aNodeHoldingRecordingsThatHasNotCheckedSinceTheRotationRefuses() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-2", 2, Map.of(2, 4L)));
        String refusal = KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports).orElseThrow();
        assertTrue(refusal.startsWith("Appliance node-2 holds recordings and has not checked them since version 2"),
                refusal);
        // Version 1 was replaced before node-2's last check, and it had none under it then.
        assertEquals(Optional.empty(), KekRetirement.refusal(1, 3, ON_TOKEN, 0, "node-1", reports));
    }

    @Test
    void aNodeThatHeldNothingAtItsLastCheckDoesNotHoldTheDecisionUp() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-9", 1, Map.of(1, 0L)));
        assertEquals(Optional.empty(), KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports));
    }

    @Test
    void envelopesLeftOnANodeRefuseAndSayHowManyFailed() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of(2, 1L, 3, 9L), 1));
        assertEquals("Appliance node-1 still holds 1 envelope under version 2 (1 could not be rewrapped: see that "
                + "appliance's log).", KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports).orElseThrow());
    }

    @Test
    void aTallyCountsByVersion() {
        KekTally tally = KekTally.none().plus(1).plus(3).plus(3).plusFailed(2);
        assertEquals(1, tally.below(2));
        assertEquals(2, tally.below(3));
        assertEquals(2, tally.under(3));
        assertEquals(1, tally.failed());
        assertEquals(Map.of(1, 2L, 2, 1L, 3, 4L), tally.plus(KekTally.none().plus(1).plus(3).plus(3)).envelopes());
    }

    private static NodeReport report(String node, int current, Map<Integer, Long> envelopes) {
        return report(node, current, envelopes, 0);
    }

    private static NodeReport report(String node, int current, Map<Integer, Long> envelopes, long failed) {
        return new NodeReport(node, current, AT, new KekTally(new TreeMap<>(envelopes), failed));
    }
}
