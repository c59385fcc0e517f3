package org.consilium.application.call;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.ConferenceListener;

/**
 * The bridge's media decisions, carried to the browsers (docs/signaling.md): to each receiver
 * what it is forwarded and why not ({@code media-allocation}), to each publisher which of its
 * layers somebody watches ({@code publish-layers}), each at most twice a second and only when
 * it changed ({@link LatestOnly}); and whether each person gets video or audio only, for the
 * visit record ({@link ModalityWatch}).
 *
 * <p>The bridge reports from its own threads, so this never takes the call's lock: it knows
 * who is in the call from the list the call gives it whenever that changes ({@link #present}),
 * and a connection's {@code send} never blocks.
 */
final class MediaNews implements ConferenceListener {

    static final Duration INTERVAL = Duration.ofMillis(500);

    private final LatestOnly<String> allocations;
    private final LatestOnly<String> layers;
    private final ModalityWatch modality;
    private volatile Map<String, CallMember> present = Map.of();

    MediaNews(CallServices services, VisitRecord visit) {
        this.allocations = new LatestOnly<>(INTERVAL, services.clock(), services.timers(), m -> m.get("sources"));
        this.layers = new LatestOnly<>(INTERVAL, services.clock(), services.timers(), message -> message);
        this.modality = new ModalityWatch(services.clock(), services.timers(), visit::modality);
    }

    /** Who is in the call now (the call says whenever that changes); news for anyone else is dropped. */
    void present(List<CallMember> members) {
        Map<String, CallMember> byId = new java.util.HashMap<>();
        members.forEach(member -> byId.put(member.id(), member));
        present = Map.copyOf(byId);
        allocations.retain(byId::containsKey);
        layers.retain(key -> byId.containsKey(publisherOf(key)));
        modality.retain(byId::containsKey);
    }

    /**
     * A new connection for this member (a place taken back): it has not heard anything yet,
     * so the next news goes out even if it says what the old connection was last told.
     */
    void newConnection(String memberId) {
        allocations.retain(id -> !id.equals(memberId));
        layers.retain(key -> !publisherOf(key).equals(memberId));
    }

    @Override
    public void sourcesChanged(Conference conference) {
        // the call itself asks the browsers to renegotiate
    }

    @Override
    public void allocationChanged(Conference conference, String receiverEndpointId, Allocation allocation) {
        CallMember receiver = present.get(receiverEndpointId);
        if (receiver != null) {
            JsonObject message = CallMessages.mediaAllocation(allocation);
            allocations.offer(receiverEndpointId, message, receiver.connection()::send);
            modality.allocated(receiver, allocation);
        }
    }

    @Override
    public void layersNeeded(Conference conference, String publisherEndpointId, String mid, Map<String, Boolean> active) {
        CallMember publisher = present.get(publisherEndpointId);
        if (publisher != null) {
            layers.offer(publisherEndpointId + "\n" + mid, CallMessages.publishLayers(mid, active), publisher.connection()::send);
        }
    }

    /**
     * News for a member whose endpoint is on another node's bridge (a cascade), built there:
     * sent as this node's own would be, at most twice a second and only when it changed.
     */
    void relayed(RelayedNews news) {
        CallMember member = present.get(news.memberId());
        if (member == null) {
            return;
        }
        JsonObject message;
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(news.message()))) {
            message = reader.readObject();
        }
        if (news.isAllocation()) {
            allocations.offer(news.memberId(), message, member.connection()::send);
        } else {
            layers.offer(news.memberId() + "\n" + news.mid(), message, member.connection()::send);
        }
    }

    private static String publisherOf(String key) {
        return key.substring(0, key.indexOf('\n'));
    }
}
