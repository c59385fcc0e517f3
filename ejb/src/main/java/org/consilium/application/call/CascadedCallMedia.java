package org.consilium.application.call;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.ConferenceListener;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * A call's media over several bridges of the cluster (a cascade, docs/architecture.md): the
 * members' endpoints are on this node's bridge until the policy sends the next ones elsewhere
 * ({@link CascadePolicy}); each other bridge that holds some is joined to this one by a relay
 * this bridge initiates (a star around the node that runs the call, so each source crosses each
 * relay once). This bridge's sources go to every other bridge as they change (its conference's
 * listener, first of all); another bridge's come back in the answers of the requests that change
 * them ({@link RemoteBridges}). A bridge that stops answering is forgotten: its members get
 * their next endpoint here.
 */
final class CascadedCallMedia implements CallMedia {

    private static final Logger LOG = Logger.getLogger(CascadedCallMedia.class.getName());

    private final String roomId;
    private final Conference conference;
    private final LocalCallMedia local;
    private final RemoteBridges remote;
    private final LongFunction<Optional<String>> policy;
    /** Members whose endpoint is on another node's bridge, and that node. */
    private final Map<String, String> remoteMembers = new ConcurrentHashMap<>();
    /** This bridge's end of the relay to each other node's bridge. */
    private final Map<String, Endpoint> relays = new ConcurrentHashMap<>();
    private final ConferenceListener relaying = changed -> relayOurSources();
    private volatile Consumer<String> lost = memberId -> { };
    /** What each other bridge was last told this one relays (to tell it only changes). */
    private final Map<String, List<MediaSource>> told = new ConcurrentHashMap<>();

    /** @param policy the other node for the next member, given the conference's participants here */
    CascadedCallMedia(String roomId, Conference conference, RemoteBridges remote, LongFunction<Optional<String>> policy) {
        this.roomId = roomId;
        this.conference = conference;
        this.local = new LocalCallMedia(conference);
        this.remote = remote;
        this.policy = policy;
        // A conference this bridge held for another node's call (that node died, this one takes the
        // call over, or the room's next call starts here) keeps nothing of that node's relay.
        conference.endpoints().stream().filter(Endpoint::isRelay).forEach(relay -> conference.expireEndpoint(relay.id()));
        conference.addListener(relaying); // before the call's: the other bridges know first
    }

    @Override
    public void allocate(String memberId) {
        expire(memberId);
        long here = conference.endpoints().stream().filter(e -> !e.isRelay()).count();
        Optional<String> node = policy.apply(here);
        if (node.isPresent()) {
            try {
                Endpoint relay = relayTo(node.get());
                relay.setSources(remote.allocate(node.get(), roomId, memberId));
                remoteMembers.put(memberId, node.get());
                return;
            } catch (RemoteBridges.Unreachable unreachable) {
                forget(node.get(), unreachable);
            }
        }
        local.allocate(memberId);
    }

    @Override
    public void expire(String memberId) {
        String node = remoteMembers.remove(memberId);
        if (node == null) {
            local.expire(memberId);
            return;
        }
        try {
            List<MediaSource> relayed = remote.expire(node, roomId, memberId);
            Endpoint relay = relays.get(node);
            if (relay != null) {
                relay.setSources(relayed);
            }
        } catch (RemoteBridges.Unreachable unreachable) {
            forget(node, unreachable);
        }
    }

    @Override
    public boolean has(String memberId) {
        return remoteMembers.containsKey(memberId) || local.has(memberId);
    }

    /** Empty for a member on another node's bridge: that bridge holds their decrypted media. */
    @Override
    public Optional<Endpoint> localEndpoint(String memberId) {
        return remoteMembers.containsKey(memberId) ? Optional.empty() : local.localEndpoint(memberId);
    }

    @Override
    public Optional<Negotiated> negotiate(String memberId, String offer) throws InvalidSdpException {
        String node = remoteMembers.get(memberId);
        if (node == null) {
            return local.negotiate(memberId, offer);
        }
        try {
            Optional<RemoteBridges.Negotiated> there = remote.negotiate(node, roomId, memberId, offer);
            Endpoint relay = relays.get(node);
            if (there.isPresent() && relay != null) {
                relay.setSources(there.get().relayed());
            }
            return there.map(n -> new Negotiated(n.answer(), n.receivesEverySource(), n.slotsNeeded()));
        } catch (RemoteBridges.Unreachable unreachable) {
            forget(node, unreachable);
            return Optional.empty();
        }
    }

    @Override
    public void constrain(String memberId, ReceiverConstraints constraints) {
        String node = remoteMembers.get(memberId);
        if (node == null) {
            local.constrain(memberId, constraints);
            return;
        }
        try {
            remote.constrain(node, roomId, memberId, constraints);
        } catch (RemoteBridges.Unreachable unreachable) {
            forget(node, unreachable);
        }
    }

    @Override
    public Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(List<String> memberIds) {
        Map<String, List<String>> byNode = new java.util.LinkedHashMap<>();
        for (String memberId : memberIds) {
            byNode.computeIfAbsent(remoteMembers.getOrDefault(memberId, ""), node -> new java.util.ArrayList<>()).add(memberId);
        }
        Map<String, Map<MediaSource.Kind, Integer>> slots = new java.util.HashMap<>();
        byNode.forEach((node, members) -> {
            if (node.isEmpty()) {
                slots.putAll(local.slotsNeeded(members));
                return;
            }
            try {
                slots.putAll(remote.slotsNeeded(node, roomId, members));
            } catch (RemoteBridges.Unreachable unreachable) {
                forget(node, unreachable);
            }
        });
        return slots;
    }

    @Override
    public void keepBridgesOf(java.util.Collection<String> members) {
        for (String node : List.copyOf(relays.keySet())) {
            if (!members.contains(node)) {
                forget(node, new RemoteBridges.Unreachable(node, new IllegalStateException("it left the cluster")));
            }
        }
    }

    @Override
    public void whenLost(Consumer<String> lost) {
        this.lost = lost;
    }

    @Override
    public void listen(ConferenceListener sources, ConferenceListener news) {
        local.listen(sources, news);
    }

    @Override
    public void stopListening() {
        local.stopListening();
        conference.removeListener(relaying);
        for (String node : List.copyOf(relays.keySet())) {
            try {
                remote.drop(node, roomId);
            } catch (RemoteBridges.Unreachable unreachable) {
                LOG.fine(() -> "The conference of room " + roomId + " on " + node + " was not dropped: " + unreachable);
            }
            Endpoint relay = relays.remove(node);
            if (relay != null) {
                conference.expireEndpoint(relay.id());
            }
        }
        remoteMembers.clear();
        told.clear();
    }

    /** Which node's bridge holds the member's endpoint: empty for this node's (the console, tests). */
    Optional<String> bridgeOf(String memberId) {
        return Optional.ofNullable(remoteMembers.get(memberId));
    }

    /** This bridge's end of the relay to {@code node}'s, set up on first use. */
    private Endpoint relayTo(String node) {
        Endpoint existing = relays.get(node);
        if (existing != null) {
            return existing;
        }
        Endpoint relay = conference.initiateRelay("relay-to-" + node);
        try {
            LocalTransport local = relay.localTransport();
            LocalTransport other = remote.acceptRelay(node, roomId, local.iceUfrag(), local.fingerprint());
            relay.connectTo(other);
            relays.put(node, relay);
            tell(node, relay);
            return relay;
        } catch (IOException | RuntimeException failed) {
            relays.remove(node, relay);
            conference.expireEndpoint(relay.id());
            throw failed instanceof RemoteBridges.Unreachable unreachable ? unreachable
                    : new RemoteBridges.Unreachable(node, failed);
        }
    }

    /** Our sources changed: every other bridge's end of its relay declares them. */
    private void relayOurSources() {
        relays.forEach((node, relay) -> {
            try {
                tell(node, relay);
            } catch (RemoteBridges.Unreachable unreachable) {
                forget(node, unreachable);
            }
        });
    }

    /** Tells {@code node} what this bridge relays to it, unless it was told exactly that last. */
    private void tell(String node, Endpoint relay) {
        List<MediaSource> sources = conference.sourcesRelayedBy(relay.id());
        if (!sources.equals(told.get(node))) {
            remote.relaySources(node, roomId, sources);
            told.put(node, sources);
        }
    }

    /** The node's bridge is gone (or going): its relay ends, and its members have no endpoint until they reconnect. */
    private void forget(String node, RuntimeException why) {
        LOG.log(Level.WARNING, "The bridge of {0} is out of the conference of room {1}: {2}",
                new Object[] {node, roomId, why.getMessage()});
        List<String> gone = remoteMembers.entrySet().stream().filter(e -> e.getValue().equals(node)).map(Map.Entry::getKey)
                .toList();
        gone.forEach(remoteMembers::remove);
        told.remove(node);
        Endpoint relay = relays.remove(node);
        if (relay != null) {
            conference.expireEndpoint(relay.id());
        }
        gone.forEach(lost);
    }
}
