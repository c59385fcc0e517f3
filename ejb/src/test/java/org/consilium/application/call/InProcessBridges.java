package org.consilium.application.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.sdp.InvalidSdpException;

/** Node 2's bridge for node 1's calls, reached in-process; {@code reachable} false: as if node 2 had died. */
final class InProcessBridges implements RemoteBridges {
    private final CascadeHost host;
    volatile boolean reachable = true;

    InProcessBridges(CascadeHost host) {
        this.host = host;
    }

    private void reach(String node) {
        if (!reachable || !node.equals("node-2")) {
            throw new Unreachable(node, new IllegalStateException("gone"));
        }
    }

    @Override
    public LocalTransport acceptRelay(String node, String roomId, String ufrag, Fingerprint fingerprint) {
        reach(node);
        return host.acceptRelay("node-1", roomId, ufrag, fingerprint);
    }

    @Override
    public List<MediaSource> allocate(String node, String roomId, String memberId) {
        reach(node);
        return host.allocate("node-1", roomId, memberId, false);
    }

    @Override
    public List<MediaSource> expire(String node, String roomId, String memberId) {
        reach(node);
        return host.allocate("node-1", roomId, memberId, true);
    }

    @Override
    public Optional<Negotiated> negotiate(String node, String roomId, String memberId, String offer)
            throws InvalidSdpException {
        reach(node);
        return host.negotiate("node-1", roomId, memberId, offer);
    }

    @Override
    public void constrain(String node, String roomId, String memberId, ReceiverConstraints constraints) {
        reach(node);
        host.constrain("node-1", roomId, memberId, constraints);
    }

    @Override
    public Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(String node, String roomId, List<String> memberIds) {
        reach(node);
        return host.slotsNeeded("node-1", roomId, memberIds);
    }

    @Override
    public void relaySources(String node, String roomId, List<MediaSource> sources) {
        reach(node);
        host.relaySources("node-1", roomId, sources);
    }

    @Override
    public void drop(String node, String roomId) {
        reach(node);
        host.drop("node-1", roomId);
    }
}
