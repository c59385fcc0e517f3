package org.consilium.application.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * This node's bridge's part of conferences that other nodes run (a cascade): for each, the end
 * of the relay from the node running it ({@code relay-from-<node>}) and the endpoints of the
 * members that node placed here. What {@link RemoteBridges} asks of another node is done here,
 * on that node; every answer carries what this bridge now relays back.
 */
public final class CascadeHost {

    /** Where news for the members held here goes: to the node running their call. */
    public interface NewsSink {
        void send(String owner, String roomId, RelayedNews news);
    }

    private final Supplier<Videobridge> bridge;
    private final NewsSink news;

    public CascadeHost(Supplier<Videobridge> bridge, NewsSink news) {
        this.bridge = bridge;
        this.news = news;
    }

    /**
     * The end of a relay from {@code owner}'s bridge for the conference, in a new conference:
     * what was held here for the room before (for another node that died, or for the same
     * node's earlier relay, which it gave up) is gone, its members connect again anyway.
     *
     * @throws IllegalStateException when this node runs the room's call itself
     */
    public LocalTransport acceptRelay(String owner, String roomId, String ufrag, Fingerprint fingerprint) {
        Videobridge videobridge = bridge.get();
        videobridge.findConference(roomId).ifPresent(existing -> {
            boolean held = existing.endpoints().stream().anyMatch(e -> e.id().startsWith(RELAY_FROM));
            if (!held && !existing.endpoints().isEmpty()) {
                throw new IllegalStateException("this node runs the call of this room itself");
            }
            videobridge.expireConference(roomId);
        });
        Conference conference = videobridge.conference(roomId);
        conference.addListener(new Forwarding(owner, roomId));
        return conference.acceptRelay(relayFrom(owner), ufrag, fingerprint).localTransport();
    }

    /** The bridge's decisions for the members held here, sent to the node running their call. */
    private final class Forwarding implements org.consilium.videobridge.conference.ConferenceListener {
        private final String owner;
        private final String roomId;

        Forwarding(String owner, String roomId) {
            this.owner = owner;
            this.roomId = roomId;
        }

        @Override
        public void sourcesChanged(Conference conference) {
            // the node running the call hears of sources in the answers to its requests
        }

        @Override
        public void allocationChanged(Conference conference, String receiver,
                                      org.consilium.videobridge.allocation.Allocation allocation) {
            if (!receiver.startsWith(RELAY_FROM)) {
                news.send(owner, roomId, new RelayedNews(receiver, null,
                        CallMessages.mediaAllocation(allocation).toString()));
            }
        }

        @Override
        public void layersNeeded(Conference conference, String publisher, String mid, Map<String, Boolean> active) {
            if (!publisher.startsWith(RELAY_FROM)) {
                news.send(owner, roomId, new RelayedNews(publisher, mid, CallMessages.publishLayers(mid, active).toString()));
            }
        }
    }

    /** A new endpoint for the member (or, with {@code expireOnly}, none). @return what this bridge relays now */
    public List<MediaSource> allocate(String owner, String roomId, String memberId, boolean expireOnly) {
        Conference conference = conferenceOf(owner, roomId);
        conference.expireEndpoint(memberId);
        if (!expireOnly) {
            conference.allocateEndpoint(memberId);
        }
        return conference.sourcesRelayedBy(relayFrom(owner));
    }

    /** @return empty when the member has no endpoint here */
    public Optional<RemoteBridges.Negotiated> negotiate(String owner, String roomId, String memberId, String offer)
            throws InvalidSdpException {
        Conference conference = conferenceOf(owner, roomId);
        Optional<Endpoint> endpoint = conference.endpoint(memberId);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String answer = endpoint.get().negotiate(offer);
        return Optional.of(new RemoteBridges.Negotiated(answer, endpoint.get().receivesEverySource(),
                endpoint.get().receiveSlotsNeeded(), conference.sourcesRelayedBy(relayFrom(owner))));
    }

    public void constrain(String owner, String roomId, String memberId, ReceiverConstraints constraints) {
        conferenceOf(owner, roomId).endpoint(memberId).ifPresent(endpoint -> endpoint.setReceiverConstraints(constraints));
    }

    public Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(String owner, String roomId, List<String> memberIds) {
        Conference conference = conferenceOf(owner, roomId);
        Map<String, Map<MediaSource.Kind, Integer>> slots = new java.util.LinkedHashMap<>();
        for (String memberId : memberIds) {
            conference.endpoint(memberId).ifPresent(endpoint -> slots.put(memberId, endpoint.receiveSlotsNeeded()));
        }
        return slots;
    }

    /** What {@code owner}'s bridge relays here now: the relay's end declares it. */
    public void relaySources(String owner, String roomId, List<MediaSource> sources) {
        conferenceOf(owner, roomId).endpoint(relayFrom(owner))
                .orElseThrow(() -> new IllegalStateException("no relay from " + owner))
                .setSources(sources);
    }

    /** The call is over on {@code owner}: its conference here goes (if it is still that node's). */
    public void drop(String owner, String roomId) {
        Videobridge videobridge = bridge.get();
        videobridge.findConference(roomId)
                .filter(conference -> conference.endpoint(relayFrom(owner)).isPresent())
                .ifPresent(conference -> videobridge.expireConference(roomId));
    }

    /**
     * The cluster's members now: what this bridge holds for calls of nodes that are not among
     * them any more goes (the node died or left; if its call is taken over, the node taking it
     * relays here anew).
     *
     * @return the rooms whose conferences went
     */
    public List<String> keepOnlyFor(java.util.Collection<String> members) {
        Videobridge videobridge = bridge.get();
        List<String> dropped = new java.util.ArrayList<>();
        for (Conference conference : videobridge.conferences()) {
            boolean orphan = conference.endpoints().stream().map(Endpoint::id)
                    .anyMatch(id -> id.startsWith(RELAY_FROM) && !members.contains(id.substring(RELAY_FROM.length())));
            if (orphan) {
                videobridge.expireConference(conference.id());
                dropped.add(conference.id());
            }
        }
        return dropped;
    }

    /** @throws IllegalStateException when there is no relay from {@code owner} for the room here */
    private Conference conferenceOf(String owner, String roomId) {
        return bridge.get().findConference(roomId)
                .filter(conference -> conference.endpoint(relayFrom(owner)).isPresent())
                .orElseThrow(() -> new IllegalStateException("no relay from " + owner + " for this room"));
    }

    private static final String RELAY_FROM = "relay-from-";

    static String relayFrom(String owner) {
        return RELAY_FROM + owner;
    }
}
