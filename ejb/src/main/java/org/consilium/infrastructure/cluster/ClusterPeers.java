package org.consilium.infrastructure.cluster;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The peer list the node was given ({@code consilium.cluster.peers}, JGroups TCPPING's
 * {@code host[port],host[port]}), read to tell how many other appliances it should see.
 */
final class ClusterPeers {

    private ClusterPeers() {
    }

    /** @return the peers other than {@code self} (this node's cluster address and port) */
    static int othersThan(String peers, String self) {
        if (peers == null || peers.isBlank()) {
            return 0;
        }
        Set<String> distinct = Arrays.stream(peers.split(","))
                .map(String::strip)
                .filter(peer -> !peer.isEmpty())
                .collect(Collectors.toSet());
        distinct.remove(self);
        return distinct.size();
    }
}
