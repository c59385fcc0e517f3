package org.consilium.health;

import java.util.List;

/**
 * What the EJB jar's cluster membership ({@code org.consilium.infrastructure.cluster.ClusterMembership})
 * tells the readiness check: this library cannot see the EJB jar's classes, so the check looks
 * the bean up by name as this interface, which both see.
 */
public interface ClusterStatusSource {

    /**
     * @param members       the members of the current view, oldest first
     * @param coordinator   the member that coordinates
     * @param expectedPeers how many other appliances the node was given as peers
     */
    record ClusterStatus(List<String> members, String coordinator, int expectedPeers) {

        public ClusterStatus {
            members = List.copyOf(members);
        }

        /** Given peers, but none of them is in. */
        public boolean alone() {
            return expectedPeers > 0 && members.size() <= 1;
        }
    }

    ClusterStatus clusterStatus();
}
