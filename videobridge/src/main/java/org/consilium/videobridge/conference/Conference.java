package org.consilium.videobridge.conference;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.consilium.videobridge.packet.MediaPacket;

/** Endpoints that see and hear each other (Colibri2 "conference"). */
public final class Conference {

    private final String id;
    private final BridgeContext bridge;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public Conference(String id, BridgeContext bridge) {
        this.id = id;
        this.bridge = bridge;
    }

    public String id() {
        return id;
    }

    /** Allocates an endpoint with fresh ICE credentials. @throws IllegalStateException if the id is taken */
    public Endpoint allocateEndpoint(String endpointId) {
        Endpoint endpoint = new Endpoint(endpointId, this, bridge);
        if (endpoints.putIfAbsent(endpointId, endpoint) != null) {
            throw new IllegalStateException("endpoint " + endpointId + " already exists in conference " + id);
        }
        bridge.demultiplexer().register(endpoint);
        return endpoint;
    }

    public Optional<Endpoint> endpoint(String endpointId) {
        return Optional.ofNullable(endpoints.get(endpointId));
    }

    public Collection<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /** Expires the endpoint: its port mappings, DTLS session and keys are gone at once. */
    public void expireEndpoint(String endpointId) {
        Endpoint endpoint = endpoints.remove(endpointId);
        if (endpoint != null) {
            bridge.demultiplexer().unregister(endpoint);
            endpoint.expire();
        }
    }

    public void expire() {
        endpoints.keySet().forEach(this::expireEndpoint);
    }

    /** The sources every endpoint but {@code receiverId} sends: what the receiver's SDP must offer. */
    public List<MediaSource> sourcesFor(String receiverId) {
        return endpoints.values().stream()
                .filter(e -> !e.id().equals(receiverId))
                .flatMap(e -> e.sources().stream())
                .toList();
    }

    /** Sends a decrypted packet from {@code sender} to every other connected endpoint. */
    void forward(Endpoint sender, MediaPacket decrypted) {
        for (Endpoint receiver : endpoints.values()) {
            if (receiver != sender) {
                receiver.sendRtp(decrypted.copy());
            }
        }
    }

    /** A receiver lost a picture: ask the endpoint that publishes {@code mediaSsrc} for a keyframe. */
    void requestKeyframe(int mediaSsrc) {
        for (Endpoint publisher : endpoints.values()) {
            if (publisher.sends(mediaSsrc)) {
                publisher.requestKeyframe(mediaSsrc);
                return;
            }
        }
    }
}
