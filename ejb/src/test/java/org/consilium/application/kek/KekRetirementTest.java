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

/**
 * When an old KEK version may be destroyed: nothing left under it in the database, nor on any
 * appliance that counts (this one, the cluster's members, those with recordings on record or
 * envelopes at their last check), each having checked since the version was replaced.
 */
class KekRetirementTest {

    private static final Set<Integer> ON_TOKEN = Set.of(1, 2, 3);
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    /** node-1 alone in the cluster, no recording on record anywhere. */
    private static final Appliances ALONE = new Appliances(Set.of("node-1"), Map.of());

    @Test
    void allowedWhenTheDatabaseAndEveryNodeReportNoneUnderItSinceTheRotation() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of(3, 5L)), report("node-2", 3, Map.of(3, 2L)));
        Appliances both = new Appliances(Set.of("node-1", "node-2"), Map.of("node-1", 5L, "node-2", 2L));
        assertEquals(Optional.empty(), KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, both));
        assertEquals(Optional.empty(), KekRetirement.refusal(1, 3, ON_TOKEN, 0, "node-1", reports, both));
    }

    @Test
    void theCurrentVersionAndAVersionNotOnTheTokenAreRefused() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()));
        assertTrue(KekRetirement.refusal(3, 3, ON_TOKEN, 0, "node-1", reports, ALONE).orElseThrow()
                .contains("current version"));
        assertTrue(KekRetirement.refusal(4, 3, ON_TOKEN, 0, "node-1", reports, ALONE).orElseThrow()
                .contains("no KEK version 4"));
    }

    @Test
    void envelopesLeftInTheDatabaseRefuse() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 1, "node-1", reports, ALONE).orElseThrow()
                .startsWith("The database still holds 1 envelope under version 2"));
    }

    @Test
    void thisNodeMustHaveCheckedSinceTheRotationEvenWithNoRecordings() {
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of(), ALONE).orElseThrow()
                .startsWith("This appliance (node-1) has not checked"));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of(report("node-1", 2, Map.of())), ALONE)
                .isPresent());
    }

    @Test
    void aMemberOfTheClusterThatHasNotCheckedSinceTheRotationRefusesEvenWithNothingOnItsVolume() {
        // Until it looks at the token again it wraps new data keys under the version it saw last.
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-2", 2, Map.of()));
        Appliances both = new Appliances(Set.of("node-1", "node-2"), Map.of());
        assertEquals("Appliance node-2 has not checked since 2025-01-01 10:00:00 UTC, before version 2 was replaced, "
                        + "and it is in the cluster. Wait for its next check (hourly), or restart it: it checks 20 s "
                        + "after starting.",
                KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, both).orElseThrow());
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of(report("node-1", 3, Map.of())), both)
                .orElseThrow().startsWith("Appliance node-2 has never checked its envelopes, and it is in the cluster."));
    }

    @Test
    void aNodeDownWithRecordingsOnRecordRefusesNamingItselfEvenIfItsLastCheckFoundNone() {
        // Its last check found nothing; it recorded since, then went down: the rows say so.
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-2", 2, Map.of()));
        Appliances node2Down = new Appliances(Set.of("node-1"), Map.of("node-2", 3L));
        assertEquals("Appliance node-2 has not checked since 2025-01-01 10:00:00 UTC, before version 2 was replaced, "
                        + "and the database lists 3 recordings on its volume that are not shredded. Start it (it checks "
                        + "20 s after starting), or keep version 2: destroying it now would make what is on that "
                        + "appliance's volume unreadable for good.",
                KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, node2Down).orElseThrow());
        // Back, checked: nothing left under 2.
        List<NodeReport> caughtUp = List.of(report("node-1", 3, Map.of()), report("node-2", 3, Map.of(3, 7L)));
        assertEquals(Optional.empty(), KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", caughtUp, node2Down));
    }

    @Test
    void aNodeDownThatNeverCheckedButHasRecordingsOnRecordRefuses() {
        Appliances node7 = new Appliances(Set.of("node-1"), Map.of("node-7", 1L));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", List.of(report("node-1", 3, Map.of())), node7)
                .orElseThrow().startsWith("Appliance node-7 has never checked its envelopes, and the database lists "
                        + "1 recording on its volume that is not shredded. Start it"));
    }

    @Test
    void aNodeDownWhoseLastCheckFoundEnvelopesRefuses() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-2", 2, Map.of(2, 4L)));
        String refusal = KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, ALONE).orElseThrow();
        assertTrue(refusal.startsWith("Appliance node-2 has not checked since 2025-01-01 10:00:00 UTC, before version 2 "
                + "was replaced, and its volume held 4 envelopes at that check. Start it"), refusal);
        // Version 1 was replaced before node-2's last check, and it had none under it then.
        assertEquals(Optional.empty(), KekRetirement.refusal(1, 3, ON_TOKEN, 0, "node-1", reports, ALONE));
    }

    @Test
    void aDownOrDecommissionedNodeWithNothingOnRecordIsIgnored() {
        // node-9 was taken out of the cluster long ago, its volume empty; node-8 never checked at all.
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of()), report("node-9", 1, Map.of(1, 0L)));
        Appliances appliances = new Appliances(Set.of("node-1"), Map.of("node-8", 0L));
        assertEquals(Optional.empty(), KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, appliances));
        assertEquals(Optional.empty(), appliances.whyItCounts("node-9", Optional.of(reports.get(1))));
        assertEquals(Optional.of("it is in the cluster"), appliances.whyItCounts("node-1", Optional.empty()));
    }

    @Test
    void theFirstToHoldItUpIsThisNodeThenTheOthersByName() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of(2, 1L)), report("node-0", 2, Map.of(2, 1L)));
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, ALONE).orElseThrow()
                .startsWith("Appliance node-1 still holds 1 envelope under version 2"));
        List<NodeReport> own = List.of(report("node-1", 3, Map.of()), report("node-b", 2, Map.of()),
                report("node-a", 2, Map.of()));
        Appliances three = new Appliances(Set.of("node-1", "node-a", "node-b"), Map.of());
        assertTrue(KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", own, three).orElseThrow()
                .startsWith("Appliance node-a "));
    }

    @Test
    void envelopesLeftOnANodeRefuseAndSayHowManyFailed() {
        List<NodeReport> reports = List.of(report("node-1", 3, Map.of(2, 1L, 3, 9L), 1));
        assertEquals("Appliance node-1 still holds 1 envelope under version 2 (1 could not be rewrapped: see that "
                + "appliance's log).", KekRetirement.refusal(2, 3, ON_TOKEN, 0, "node-1", reports, ALONE).orElseThrow());
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
