package org.consilium.application.call;

import java.util.Optional;

/**
 * The cluster's copy of the live calls ({@link CallSnapshot}), by room id: what lets another
 * node take a call over when the node running it dies. The infrastructure keeps it in a
 * replicated cache; on a single appliance it is that appliance's alone.
 */
public interface SharedCalls {

    /** This node's name in the cluster. */
    String localNode();

    /** Other nodes are in the cluster's view now (one of them could take this node's calls over). */
    boolean othersInCluster();

    /**
     * The call as the cluster knows it, and how its node stands.
     *
     * @param within how long after its node left the cluster a call can still be taken over
     */
    Optional<Shared> find(String roomId, java.time.Duration within);

    /** This node runs the call: its copy replaces the one before. */
    void publish(CallSnapshot snapshot);

    /** The call this node ran is over: its copy goes, unless another node has taken it over. */
    void withdraw(String roomId);

    /** Another node's call becomes this node's, unless someone changed it meanwhile (true: it is ours). */
    boolean takeOver(CallSnapshot theirs, CallSnapshot ours);

    /** A stale copy (its node died long ago) goes, unless someone changed it meanwhile. */
    void discard(CallSnapshot stale);

    /** A copy and whether its node still runs it. */
    record Shared(CallSnapshot snapshot, OwnerState owner) {
    }

    /** Where the node that runs a call stands, as this node sees the cluster now. */
    enum OwnerState {
        /** A member of the cluster now: the call goes on there. */
        LIVE,
        /** Left the cluster within the reconnect grace period: its calls can be taken over. */
        GONE,
        /**
         * Left long ago, never seen by this node, or this node itself (a copy of a call it no
         * longer has: it stopped and came back): the copy is stale.
         */
        GONE_LONG_AGO
    }
}
