package org.consilium.application.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.ConferenceListener;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/** A call's media on this node's bridge only: every member's endpoint in the one conference. */
final class LocalCallMedia implements CallMedia {

    private final Conference conference;
    private final List<ConferenceListener> listeners = new ArrayList<>();

    LocalCallMedia(Conference conference) {
        this.conference = conference;
    }

    Conference conference() {
        return conference;
    }

    @Override
    public void allocate(String memberId) {
        conference.expireEndpoint(memberId);
        conference.allocateEndpoint(memberId);
    }

    @Override
    public void expire(String memberId) {
        conference.expireEndpoint(memberId);
    }

    @Override
    public boolean has(String memberId) {
        return conference.endpoint(memberId).isPresent();
    }

    @Override
    public Optional<Endpoint> localEndpoint(String memberId) {
        return conference.endpoint(memberId);
    }

    @Override
    public Optional<Negotiated> negotiate(String memberId, String offer) throws InvalidSdpException {
        Optional<Endpoint> endpoint = conference.endpoint(memberId);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        String answer = endpoint.get().negotiate(offer);
        return Optional.of(new Negotiated(answer, endpoint.get().receivesEverySource(), endpoint.get().receiveSlotsNeeded()));
    }

    @Override
    public void constrain(String memberId, ReceiverConstraints constraints) {
        conference.endpoint(memberId).ifPresent(endpoint -> endpoint.setReceiverConstraints(constraints));
    }

    @Override
    public Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(List<String> memberIds) {
        Map<String, Map<MediaSource.Kind, Integer>> slots = new java.util.LinkedHashMap<>();
        for (String memberId : memberIds) {
            conference.endpoint(memberId).ifPresent(endpoint -> slots.put(memberId, endpoint.receiveSlotsNeeded()));
        }
        return slots;
    }

    @Override
    public void keepBridgesOf(java.util.Collection<String> members) {
        // only this node's bridge: it is here as long as the call is
    }

    @Override
    public void whenLost(java.util.function.Consumer<String> lost) {
        // this bridge's endpoints go only when the call lets them
    }

    @Override
    public synchronized void listen(ConferenceListener sources, ConferenceListener news) {
        for (ConferenceListener listener : List.of(sources, news)) {
            conference.addListener(listener);
            listeners.add(listener);
        }
    }

    @Override
    public synchronized void stopListening() {
        listeners.forEach(conference::removeListener);
        listeners.clear();
    }
}
