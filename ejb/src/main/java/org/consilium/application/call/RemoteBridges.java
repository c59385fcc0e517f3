package org.consilium.application.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * The bridges of the cluster's other nodes, for a call of this node whose conference spreads
 * over them ({@link CascadedCallMedia}): each holds the conference's endpoints of some members
 * and a relay to this node's bridge. Every change of a remote bridge's own sources comes back
 * in the answer of the request that caused it, so the other node never calls this one back
 * (this node asks while it holds the call's lock). A node that cannot be reached throws
 * {@link Unreachable}.
 */
public interface RemoteBridges {

    /** The other node did not answer, or has left the cluster. */
    final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String node, Throwable cause) {
            super("the bridge of " + node + " did not answer: " + cause, cause);
        }
    }

    /** What a remote member's offer came to, and what that bridge now relays to this one. */
    record Negotiated(String answer, boolean receivesEverySource, Map<MediaSource.Kind, Integer> slotsNeeded,
                      List<MediaSource> relayed) {
    }

    /**
     * The other node's end of a relay from this node's {@code relay} endpoint for the
     * conference {@code roomId} (created there if need be, replacing one another node left).
     *
     * @return that end's transport, for {@link org.consilium.videobridge.conference.Endpoint#connectTo}
     */
    LocalTransport acceptRelay(String node, String roomId, String ufrag, Fingerprint fingerprint);

    /** A new endpoint for the member there. @return the sources that bridge relays now */
    List<MediaSource> allocate(String node, String roomId, String memberId);

    /** The member's endpoint there goes. @return the sources that bridge relays now */
    List<MediaSource> expire(String node, String roomId, String memberId);

    /** @return empty when the member has no endpoint there */
    Optional<Negotiated> negotiate(String node, String roomId, String memberId, String offer) throws InvalidSdpException;

    void constrain(String node, String roomId, String memberId, ReceiverConstraints constraints);

    /** Receive slots of each of these members' browsers there (those without an endpoint there are left out). */
    Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(String node, String roomId, List<String> memberIds);

    /** What this node's bridge relays to the other's now (its end of the relay declares them). */
    void relaySources(String node, String roomId, List<MediaSource> sources);

    /** The call is over here: the other node's conference goes, relay and all. */
    void drop(String node, String roomId);
}
