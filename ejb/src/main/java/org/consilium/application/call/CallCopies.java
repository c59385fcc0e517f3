package org.consilium.application.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consilium.domain.room.VisitId;

/**
 * A live call to and from the cluster's copy of it ({@link CallSnapshot}; docs/architecture.md,
 * "Failover"): what the call's node shares, and how another node takes the places and the
 * visit back from it. Called by {@link LiveCall} under its lock.
 */
final class CallCopies {

    private CallCopies() {
    }

    /**
     * The copy of a call run by {@code node}: empty when there is nothing to take over (no
     * visit going on, or no grace period to hold the places in).
     */
    static Optional<CallSnapshot> of(String roomId, String node, VisitRecord visit, boolean locked,
                                     List<CallMember> present, HeldPlaces held) {
        Optional<VisitId> going = visit.current();
        if (going.isEmpty() || held.grace().isZero()) {
            return Optional.empty();
        }
        List<CallSnapshot.Member> shared = new ArrayList<>();
        for (CallMember member : present) {
            held.secretOf(member).ifPresent(secret -> shared.add(member.shared(secret)));
        }
        return Optional.of(new CallSnapshot(roomId, node, going.get().toString(), visit.started(), locked, shared));
    }

    /**
     * The copy's visit goes on in {@code visit} (no write: its row is still going on), and each
     * person's place is held for the grace period, for the tab with that secret.
     *
     * @return the people in the call, in the copy's order
     */
    static List<CallMember> takeOver(CallSnapshot shared, VisitRecord visit, HeldPlaces held) {
        visit.resume(new VisitId(UUID.fromString(shared.visitId())), shared.visitStarted());
        List<CallMember> members = new ArrayList<>();
        for (CallSnapshot.Member one : shared.members()) {
            CallMember member = CallMember.adopted(one);
            members.add(member);
            held.adopt(member, ResumeSecret.ofHash(one.resumeHash()));
        }
        return members;
    }
}
