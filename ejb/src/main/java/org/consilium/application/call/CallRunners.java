package org.consilium.application.call;

import java.util.Collection;
import java.util.Set;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * Which node runs each visit's call, as the database (the one thing every node of the cluster
 * must reach) records it: the arbiter when the cluster is cut in two and both halves think
 * the other dead (docs/architecture.md, "Failover"). Always this node's claims.
 */
public interface CallRunners {

    /** This node runs the visit's call from now on (it took the call over). */
    void claim(VisitId visit);

    /**
     * This node still runs these visits' calls: their claims are refreshed (a visit without
     * one is claimed).
     *
     * @return those another node has claimed meanwhile: their calls must go from here
     */
    Set<VisitId> stillRunning(Collection<VisitId> visits);

    /** Another node has run the room's open visit within the last few seconds (it is alive, maybe cut off). */
    boolean runningElsewhere(RoomId room);
}
