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

    private final Supplier<Videobridge> bridge;

    public CascadeHost(Supplier<Videobridge> bridge) {
        this.bridge = bridge;
    }

    /**
     * The end of a relay from {@code owner}'s bridge for the conference: a conference another
     * node relayed to before (that node died, the call moved) is dropped first, and so is an
     * earlier relay of the same node.
     */
    public LocalTransport acceptRelay(String owner, String roomId, String ufrag, Fingerprint fingerprint) {
        Videobridge videobridge = bridge.get();
        String relayId = relayFrom(owner);
        Conference conference = videobridge.conference(roomId);
        if (conference.endpoints().stream().anyMatch(e -> e.isRelay() && !e.id().equals(relayId))) {
            videobridge.expireConference(roomId);
            conference = videobridge.conference(roomId);
        }
        conference.expireEndpoint(relayId);
        return conference.acceptRelay(relayId, ufrag, fingerprint).localTransport();
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

    public Optional<Map<MediaSource.Kind, Integer>> slotsNeeded(String owner, String roomId, String memberId) {
        return conferenceOf(owner, roomId).endpoint(memberId).map(Endpoint::receiveSlotsNeeded);
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

    /** @throws IllegalStateException when there is no relay from {@code owner} for the room here */
    private Conference conferenceOf(String owner, String roomId) {
        return bridge.get().findConference(roomId)
                .filter(conference -> conference.endpoint(relayFrom(owner)).isPresent())
                .orElseThrow(() -> new IllegalStateException("no relay from " + owner + " for this room"));
    }

    static String relayFrom(String owner) {
        return "relay-from-" + owner;
    }
}
