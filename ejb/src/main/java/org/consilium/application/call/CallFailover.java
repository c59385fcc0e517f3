package org.consilium.application.call;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * Keeps the cluster's copy of this node's calls up to date, and decides what becomes of a
 * room's call that the cluster knows of when someone connects here (docs/architecture.md,
 * "Cluster", "Failover"): a call whose node died within the reconnect grace period is taken
 * over, so its people come back to it, with the same visit and no lobby; one that runs on a
 * live node is not started twice (its visit would be ended by a second one).
 *
 * <p>Copies are written off the call's lock and in order ({@code writes} runs one at a time),
 * at most one pending per call: a burst of changes writes the latest state once.
 */
final class CallFailover {

    private static final Logger LOG = Logger.getLogger(CallFailover.class.getName());

    private final SharedCalls shared;
    private final CallRunners runners;
    private final Executor writes;
    private final Supplier<Duration> grace;
    private final BiConsumer<CallSnapshot, CallSnapshot> takenOver;
    private final Map<String, LiveCall> pending = new ConcurrentHashMap<>();
    private volatile boolean failing;

    /**
     * @param grace     the reconnect grace period now: how long after a node's death its calls can be taken over
     * @param takenOver told of each take-over (theirs, ours), to audit it; must not wait
     */
    CallFailover(SharedCalls shared, CallRunners runners, Executor writes, Supplier<Duration> grace,
                 BiConsumer<CallSnapshot, CallSnapshot> takenOver) {
        this.shared = shared;
        this.runners = runners;
        this.writes = writes;
        this.grace = grace;
        this.takenOver = takenOver;
    }

    /** The call changed (under its lock): its copy is written soon, off the lock. */
    void changed(LiveCall call) {
        if (pending.put(call.roomId(), call) == null) {
            writes.execute(() -> publish(call.roomId()));
        }
    }

    /** Whether another node could take this node's calls over if it stopped now. */
    boolean othersCanTakeOver() {
        try {
            return shared.othersInCluster();
        } catch (RuntimeException unavailable) {
            return false;
        }
    }

    /** The call is over here: its copy goes, after any write still pending for it. */
    void over(LiveCall call) {
        writes.execute(() -> quietly("withdraw", () -> shared.withdraw(call.roomId())));
    }

    /**
     * What a new call of {@code roomId} on this node must take over, if anything.
     *
     * @throws CallRefused {@code elsewhere} when the call runs on another node now
     */
    Optional<CallSnapshot> toTakeOver(String roomId) {
        Optional<SharedCalls.Shared> known;
        try {
            known = shared.find(roomId, grace.get());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "Could not read the cluster''s copy of a call: {0}", unavailable.getClass().getName());
            return Optional.empty();
        }
        if (known.isEmpty()) {
            refuseIfRunElsewhere(roomId);
            return Optional.empty();
        }
        CallSnapshot snapshot = known.get().snapshot();
        switch (known.get().owner()) {
            case LIVE -> throw new CallRefused("elsewhere", "this call is running on another appliance of the "
                    + "cluster; try again in a moment");
            case GONE_LONG_AGO -> {
                quietly("discard", () -> shared.discard(snapshot));
                refuseIfRunElsewhere(roomId);
                return Optional.empty();
            }
            default -> {
                CallSnapshot ours = snapshot.ownedBy(shared.localNode());
                if (!shared.takeOver(snapshot, ours)) {
                    throw new CallRefused("elsewhere", "another appliance of the cluster is taking this call over; "
                            + "try again in a moment");
                }
                LOG.info(() -> "Taking over the call of room " + roomId + " from " + snapshot.owner() + " ("
                        + snapshot.members().size() + " place(s) held for " + grace.get().toSeconds() + " s)");
                claim(ours);
                takenOver.accept(snapshot, ours);
                return Optional.of(ours);
            }
        }
    }

    /**
     * Of this node's calls, those another node runs now go ({@code letGo}): it took them over
     * while this node was cut off from it, and the database, which every node reaches, says so
     * ({@link CallRunners}). Refreshes this node's claims on the others. Never throws: it runs
     * every 2 s, and a periodic task that throws is not run again.
     */
    void handOverCallsRunElsewhere(Collection<LiveCall> running, Consumer<LiveCall> letGo) {
        try {
            Map<VisitId, LiveCall> byVisit = new HashMap<>();
            running.forEach(call -> call.visitId().ifPresent(visit -> byVisit.put(visit, call)));
            if (byVisit.isEmpty()) {
                return;
            }
            for (VisitId visit : runElsewhere(byVisit.keySet())) {
                LiveCall call = byVisit.get(visit);
                LOG.warning(() -> "Another appliance of the cluster runs the call of room " + call.roomId()
                        + " now (it took it over while this one was cut off from it): handed over");
                letGo.accept(call);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not check which node runs this node''s calls: {0}",
                    failed.getClass().getName());
        }
    }

    /** Of these visits, whose calls this node runs, those another node has claimed; this node's claims refreshed. */
    Set<VisitId> runElsewhere(Collection<VisitId> running) {
        return runners.stillRunning(running);
    }

    /** The database records that this node runs the call now: a node on the other side of a cut hands it over. */
    private void claim(CallSnapshot ours) {
        try {
            runners.claim(new VisitId(UUID.fromString(ours.visitId())));
        } catch (RuntimeException unreachable) {
            LOG.log(Level.WARNING, "Could not record that this node runs the call of room {0} now: {1}",
                    new Object[] {ours.roomId(), unreachable.getClass().getName()});
        }
    }

    /**
     * Another node ran the room's visit moments ago though the cluster does not know of it (this
     * node is cut off from it): a new call here would end that visit.
     */
    private void refuseIfRunElsewhere(String roomId) {
        boolean elsewhere;
        try {
            elsewhere = runners.runningElsewhere(RoomId.parse(roomId));
        } catch (RuntimeException unreachable) {
            LOG.log(Level.WARNING, "Could not check which node runs the call of a room: {0}", unreachable.getClass().getName());
            return;
        }
        if (elsewhere) {
            throw new CallRefused("elsewhere", "this call is running on another appliance of the cluster; "
                    + "try again in a moment");
        }
    }

    private void publish(String roomId) {
        LiveCall call = pending.remove(roomId);
        if (call == null) {
            return;
        }
        if (call.isOver()) {
            return; // ended: over() withdraws the copy; handed over at a stop: the copy is what the next node takes
        }
        quietly("publish", () -> call.snapshot(shared.localNode()).ifPresentOrElse(shared::publish,
                () -> shared.withdraw(roomId)));
    }

    /** A cluster that cannot take a copy now loses the failover of that call, not the call: said once per outage. */
    private void quietly(String what, Runnable write) {
        try {
            write.run();
            if (failing) {
                failing = false;
                LOG.info("The cluster takes copies of this node's calls again");
            }
        } catch (RuntimeException unavailable) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Could not " + what + " the cluster''s copy of a call: {0}",
                        unavailable.getClass().getName());
            }
        }
    }
}
