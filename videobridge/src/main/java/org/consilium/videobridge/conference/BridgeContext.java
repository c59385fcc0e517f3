package org.consilium.videobridge.conference;

import java.util.List;
import java.util.concurrent.Executor;
import org.consilium.videobridge.dtls.BridgeCertificate;
import org.consilium.videobridge.ice.HostCandidate;
import org.consilium.videobridge.stats.ReasonCounters;
import org.consilium.videobridge.stats.TransitTimes;
import org.consilium.videobridge.transport.EndpointDemultiplexer;
import org.consilium.videobridge.transport.RelayPorts;

/**
 * What every conference and endpoint of one bridge shares. (No socket: an endpoint sends on
 * the path its ICE agent selected, a UDP address or a TCP connection.)
 *
 * @param endpointDrops every endpoint's drops, by reason, since the bridge started (an
 *                      endpoint's own figures go with it when it expires; these stay)
 * @param relayPorts    ports of their own for the relays this bridge initiates to other bridges
 */
public record BridgeContext(EndpointDemultiplexer demultiplexer, BridgeCertificate certificate,
                            List<HostCandidate> candidates, Executor executor, TransitTimes transit,
                            ReasonCounters<EndpointDropReason> endpointDrops, RelayPorts relayPorts) {
}
