package org.consilium.domain.cluster;

import java.time.Instant;

/**
 * What one node's embedded videobridge carries, as the node publishes it to the cluster every
 * few seconds (the bridge registry): where browsers send it media and how busy it is.
 *
 * @param node                the node's name in the cluster
 * @param mediaAddress        its media port's address as bound ({@code host:port}); empty when the bridge is not running
 * @param conferences         calls with media on this node
 * @param endpoints           browsers (and bedside devices) connected to its bridge, and its ends of relays
 * @param relays              of those, its ends of relays to other bridges (conferences over several)
 * @param packetsInPerSecond  media packets received, over the last interval
 * @param packetsOutPerSecond media packets sent, over the last interval
 * @param loadPerCore         the host's load average over one minute divided by its cores (1.0: busy)
 * @param draining            the node starts no new call (drained for maintenance)
 * @param publishedAt         when the node published it
 */
public record BridgeLoad(String node, String mediaAddress, int conferences, int endpoints, int relays,
        long packetsInPerSecond, long packetsOutPerSecond, double loadPerCore, boolean draining, Instant publishedAt) {

    /** No relays among the endpoints. */
    public BridgeLoad(String node, String mediaAddress, int conferences, int endpoints, long packetsInPerSecond,
                      long packetsOutPerSecond, double loadPerCore, boolean draining, Instant publishedAt) {
        this(node, mediaAddress, conferences, endpoints, 0, packetsInPerSecond, packetsOutPerSecond, loadPerCore,
                draining, publishedAt);
    }
}
