package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.junit.jupiter.api.Test;

/**
 * What a node does with the cluster's copy of a room's call when someone connects to a room
 * that has no call here (docs/architecture.md, "Failover"), against a copy store and a runner
 * table kept in memory.
 */
class CallFailoverTest {

    private static final String ROOM = "5b0c7a1e-2f3d-4c6b-8e9a-0d1c2b3a4f5e";
    private static final String VISIT = "0f6d7c1a-0000-4000-8000-000000000001";
    private static final CallSnapshot THEIRS = new CallSnapshot(ROOM, "node-2", VISIT,
            Instant.parse("2026-12-07T02:00:00Z"), false, List.of(new CallSnapshot.Member("m-1", "ana", true, "Ana",
                    CallMember.Role.OWNER, List.of(), "A".repeat(43), false, false)));

    private final Copies copies = new Copies();
    private final Runners runners = new Runners();
    private final List<String> takenOver = new ArrayList<>();
    private final CallFailover failover = new CallFailover(copies, runners, Runnable::run, () -> Duration.ofSeconds(60),
            (theirs, ours) -> takenOver.add(theirs.owner() + "->" + ours.owner()));

    @Test
    void aCallWhoseNodeIsAliveIsNotStartedTwice() {
        copies.put(THEIRS, SharedCalls.OwnerState.LIVE);
        CallRefused refused = assertThrows(CallRefused.class, () -> failover.toTakeOver(ROOM));
        assertEquals("elsewhere", refused.code());
        assertEquals(List.of(), takenOver);
    }

    @Test
    void aCallWhoseNodeDiedIsTakenOverOnceRecordedInTheDatabaseAndAudited() {
        copies.put(THEIRS, SharedCalls.OwnerState.GONE);
        CallSnapshot ours = failover.toTakeOver(ROOM).orElseThrow();
        assertEquals("node-1", ours.owner());
        assertEquals(THEIRS.members(), ours.members());
        assertEquals(Map.of(VISIT, "node-1"), runners.claims);
        assertEquals(List.of("node-2->node-1"), takenOver);
    }

    @Test
    void whenAnotherNodeTookItOverFirstThisOneSaysSoAndTakesNothing() {
        copies.put(THEIRS, SharedCalls.OwnerState.GONE);
        copies.lostRace = true;
        assertEquals("elsewhere", assertThrows(CallRefused.class, () -> failover.toTakeOver(ROOM)).code());
        assertEquals(Map.of(), runners.claims);
    }

    @Test
    void aStaleCopyIsDiscardedAndANewCallMayStartUnlessTheDatabaseSaysItRunsElsewhere() {
        copies.put(THEIRS, SharedCalls.OwnerState.GONE_LONG_AGO);
        assertEquals(Optional.empty(), failover.toTakeOver(ROOM));
        assertEquals(List.of(THEIRS), copies.discarded);

        runners.elsewhere.add(ROOM);
        assertEquals("elsewhere", assertThrows(CallRefused.class, () -> failover.toTakeOver(ROOM)).code(),
                "no copy here (cut off from the node that runs it), but the database knows");
    }

    @Test
    void callsAnotherNodeClaimedAreTheOnesToGo() {
        VisitId kept = new VisitId(UUID.randomUUID());
        VisitId lost = new VisitId(UUID.randomUUID());
        runners.claimedElsewhere.add(lost);
        assertEquals(Set.of(lost), failover.runElsewhere(Set.of(kept, lost)));
        assertEquals(Set.of(kept, lost), runners.refreshed);
    }

    private static final class Copies implements SharedCalls {
        CallSnapshot copy;
        OwnerState state;
        boolean lostRace;
        final List<CallSnapshot> discarded = new ArrayList<>();

        void put(CallSnapshot snapshot, OwnerState owner) {
            copy = snapshot;
            state = owner;
        }

        @Override
        public String localNode() {
            return "node-1";
        }

        @Override
        public boolean othersInCluster() {
            return true;
        }

        @Override
        public Optional<Shared> find(String roomId, Duration within) {
            return Optional.ofNullable(copy).map(c -> new Shared(c, state));
        }

        @Override
        public void publish(CallSnapshot snapshot) {
            copy = snapshot;
        }

        @Override
        public void withdraw(String roomId) {
            copy = null;
        }

        @Override
        public boolean takeOver(CallSnapshot theirs, CallSnapshot ours) {
            if (lostRace || !theirs.equals(copy)) {
                return false;
            }
            copy = ours;
            return true;
        }

        @Override
        public void discard(CallSnapshot stale) {
            discarded.add(stale);
            copy = null;
        }
    }

    private static final class Runners implements CallRunners {
        final Map<String, String> claims = new HashMap<>();
        final Set<String> elsewhere = new HashSet<>();
        final Set<VisitId> claimedElsewhere = new HashSet<>();
        final Set<VisitId> refreshed = new HashSet<>();

        @Override
        public void claim(VisitId visit) {
            claims.put(visit.toString(), "node-1");
        }

        @Override
        public Set<VisitId> stillRunning(Collection<VisitId> visits) {
            refreshed.addAll(visits);
            Set<VisitId> lost = new HashSet<>(visits);
            lost.retainAll(claimedElsewhere);
            return lost;
        }

        @Override
        public boolean runningElsewhere(RoomId room) {
            return elsewhere.contains(room.toString());
        }
    }
}
