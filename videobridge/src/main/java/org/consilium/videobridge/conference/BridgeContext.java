package org.consilium.videobridge.conference;

import java.util.List;
import java.util.concurrent.Executor;
import org.consilium.videobridge.dtls.BridgeCertificate;
import org.consilium.videobridge.ice.HostCandidate;
import org.consilium.videobridge.stats.ReasonCounters;
import org.consilium.videobridge.stats.TransitTimes;
import org.consilium.videobridge.transport.EndpointDemultiplexer;
import org.consilium.videobridge.transport.PacketSender;

/**
 * What every conference and endpoint of one bridge shares.
 *
 * @param endpointDrops every endpoint's drops, by reason, since the bridge started (an
 *                      endpoint's own figures go with it when it expires; these stay)
 */
public record BridgeContext(PacketSender sender, EndpointDemultiplexer demultiplexer, BridgeCertificate certificate,
                            List<HostCandidate> candidates, Executor executor, TransitTimes transit,
                            ReasonCounters<EndpointDropReason> endpointDrops) {
}
