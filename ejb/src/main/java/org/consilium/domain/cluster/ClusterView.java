package org.consilium.domain.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One view of the cluster from this node.
 *
 * @param localMember   this node's name in the cluster ({@code jboss.node.name})
 * @param coordinator   the member that decides for the cluster (the oldest)
 * @param members       every member, this one included, oldest first
 * @param expectedPeers how many other appliances this node was told of ({@code consilium.cluster.peers}
 *                      without its own address); 0 on a single appliance
 * @param since         when this view was installed
 */
public record ClusterView(String localMember, String coordinator, List<String> members, int expectedPeers,
        Instant since) {

    public ClusterView {
        members = List.copyOf(members);
    }

    /** Peers were configured but none answers: a wrong secret, peer list or firewall, or the others are down. */
    public boolean isolated() {
        return expectedPeers > 0 && members.size() <= 1;
    }

    public boolean coordinating() {
        return localMember.equals(coordinator);
    }
}
