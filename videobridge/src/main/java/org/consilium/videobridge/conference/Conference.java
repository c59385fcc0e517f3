package org.consilium.videobridge.conference;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consilium.videobridge.packet.MediaPacket;

/** Endpoints that see and hear each other (Colibri2 "conference"). */
public final class Conference {

    private final String id;
    private final BridgeContext bridge;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final List<ConferenceListener> listeners = new CopyOnWriteArrayList<>();
    /** Who receives each source, built on first use by the receive threads. */
    private final ReceiverRoutes routes = new ReceiverRoutes();
    private final ConferenceAllocation allocation;
    /**
     * Relays get each packet before this bridge's own receivers: the other bridge's fan-out
     * then runs while this one's does, instead of after it (the cascade's added delay).
     */
    private static final java.util.Comparator<Endpoint> RELAYS_FIRST = java.util.Comparator.comparing(e -> !e.isRelay());

    public Conference(String id, BridgeContext bridge) {
        this.id = id;
        this.bridge = bridge;
        this.allocation = new ConferenceAllocation(this, bridge.executor());
    }

    ConferenceAllocation allocation() {
        return allocation;
    }

    List<ConferenceListener> listeners() {
        return listeners;
    }

    /** Who speaks now (the dominant speaker's endpoint id), or null before anyone has. */
    public String dominantSpeaker() {
        return allocation.dominantSpeaker();
    }

    public String id() {
        return id;
    }

    /** Allocates an endpoint with fresh ICE credentials. @throws IllegalStateException if the id is taken */
    public Endpoint allocateEndpoint(String endpointId) {
        return allocate(new Endpoint(endpointId, this, bridge));
    }

    /**
     * This bridge's end of a relay that it initiates to another bridge holding the same
     * conference (a cascade): an endpoint that receives every source of this bridge's
     * participants and sends the other bridge's, numbered in {@link org.consilium.videobridge.sdp.EndpointFormats#RELAY}.
     * Give the other bridge its {@link Endpoint#localTransport()} (for {@link #acceptRelay}),
     * then {@link Endpoint#connectTo} the other end's; declare the other bridge's sources
     * with {@link Endpoint#setSources} (as {@link MediaSource#relayed()}).
     *
     * @throws IllegalStateException if the id is taken
     */
    public Endpoint initiateRelay(String relayId) {
        return allocate(new Endpoint(relayId, this, bridge, Endpoint.Role.RELAY_INITIATOR));
    }

    /**
     * This bridge's end of a relay another bridge initiates: ICE-lite and the DTLS server as
     * for a browser, told the initiator's ufrag and certificate fingerprint; otherwise as
     * {@link #initiateRelay}.
     *
     * @throws IllegalStateException if the id is taken
     */
    public Endpoint acceptRelay(String relayId, String remoteUfrag, org.consilium.videobridge.dtls.Fingerprint remoteFingerprint) {
        Endpoint endpoint = new Endpoint(relayId, this, bridge, Endpoint.Role.RELAY_ACCEPTOR);
        endpoint.setRemoteTransport(remoteUfrag, remoteFingerprint);
        return allocate(endpoint);
    }

    private Endpoint allocate(Endpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            endpoint.expire();
            throw new IllegalStateException("endpoint " + endpoint.id() + " already exists in conference " + id);
        }
        bridge.demultiplexer().register(endpoint);
        routingChanged();
        return endpoint;
    }

    /**
     * What this bridge sends on a relay to another bridge: the sources of everyone here but
     * the relay's own (the other bridge's), as they go out, one stream each. Declare them on
     * the other end of the relay.
     */
    public List<MediaSource> sourcesRelayedBy(String relayId) {
        return sourcesFor(relayId).stream().map(MediaSource::relayed).toList();
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
            allocation.left(endpointId);
            routingChanged();
            formatsChanged();
            if (!endpoint.sources().isEmpty()) {
                sourcesChanged();
            }
        }
    }

    /** Listeners run on the thread that changed the sources (a control thread, never the media thread). */
    public void addListener(ConferenceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConferenceListener listener) {
        listeners.remove(listener);
    }

    void sourcesChanged() {
        routingChanged();
        for (ConferenceListener listener : listeners) {
            try {
                listener.sourcesChanged(this);
            } catch (RuntimeException failed) {
                java.util.logging.Logger.getLogger(Conference.class.getName())
                        .log(java.util.logging.Level.WARNING, "a conference listener failed", failed);
            }
        }
    }

    /** Someone's payload types or extension ids changed: every receiver rebuilds its rewrite tables. */
    void formatsChanged() {
        endpoints.values().forEach(Endpoint::forgetMappings);
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

    /**
     * Declares {@code sources} as what {@code endpoint} sends, unless one of their SSRCs
     * (media or repair) is declared twice or is another endpoint's. Two senders with one SSRC
     * would reach a receiver in one SRTP index space under one key, so the second would
     * repeat the first's AES-GCM nonces. Check and declaration happen under this
     * conference's lock, so two endpoints declaring at once cannot both take an SSRC.
     *
     * @return the SSRC (unsigned) that could not be taken, or empty when declared
     */
    synchronized OptionalLong declareSources(Endpoint endpoint, Collection<MediaSource> sources) {
        Set<Integer> wanted = new HashSet<>();
        for (MediaSource source : sources) {
            for (Integer ssrc : ssrcsOf(source)) {
                if (!wanted.add(ssrc)) {
                    return OptionalLong.of(ssrc & 0xFFFFFFFFL);
                }
            }
        }
        for (Endpoint other : endpoints.values()) {
            if (other == endpoint) {
                continue;
            }
            for (MediaSource source : other.sources()) {
                for (Integer ssrc : ssrcsOf(source)) {
                    if (wanted.contains(ssrc)) {
                        return OptionalLong.of(ssrc & 0xFFFFFFFFL);
                    }
                }
            }
        }
        endpoint.declare(sources);
        return OptionalLong.empty();
    }

    private static List<Integer> ssrcsOf(MediaSource source) {
        List<Integer> ssrcs = new java.util.ArrayList<>();
        ssrcs.add(source.ssrc());
        if (source.rtxSsrc() != null) {
            ssrcs.add(source.rtxSsrc());
        }
        if (source.isSimulcast()) { // declared layers: nobody else may send under them either
            ssrcs.addAll(source.simulcast().ssrcs());
            ssrcs.addAll(source.simulcast().rtxSsrcs());
            for (Integer relaySsrc : source.simulcast().relaySsrcs()) { // declared layers relay under their own
                if (!source.simulcast().ssrcs().contains(relaySsrc)) {
                    ssrcs.add(relaySsrc);
                }
            }
        }
        return ssrcs;
    }

    /** Someone joined, left, or now receives other sources: the routing table is rebuilt on next use. */
    void routingChanged() {
        routes.invalidate();
    }

    /**
     * Sends a decrypted packet from {@code publisher} to every other endpoint that receives its source.
     *
     * @param extendedSequence the packet's sequence number extended by the publisher's stream
     */
    void forward(Endpoint publisher, IncomingStreams.Stream stream, MediaPacket decrypted, long extendedSequence) {
        MediaSource source = stream.source;
        Endpoint[] receivers = routes.get(source.ssrc());
        if (receivers == null) {
            long generation = routes.generation(); // before reading the placements the route is made of
            receivers = endpoints.values().stream()
                    .filter(receiver -> receiver != publisher && receiver.receives(source.ssrc()))
                    .sorted(RELAYS_FIRST)
                    .toArray(Endpoint[]::new);
            routes.publish(generation, source.ssrc(), receivers);
        }
        for (Endpoint receiver : receivers) {
            receiver.forwardFrom(publisher, stream, decrypted, extendedSequence);
        }
    }

    void forwardSenderReport(Endpoint publisher, IncomingStreams.Stream stream, byte[] senderInfo, long ntp) {
        for (Endpoint receiver : endpoints.values()) {
            if (receiver != publisher) {
                receiver.forwardSenderReport(stream, senderInfo, ntp);
            }
        }
    }

    /** The endpoint that declared {@code ssrc}, or null. */
    Endpoint publisherOf(int ssrc) {
        for (Endpoint publisher : endpoints.values()) {
            if (publisher.sends(ssrc)) {
                return publisher;
            }
        }
        return null;
    }

    /**
     * A receiver lost a picture: ask the endpoint that publishes {@code mediaSsrc} for a
     * keyframe. A relay names a simulcast source's layer by its relay SSRC, or the whole
     * source (every layer then) after a silence.
     */
    void requestKeyframe(int mediaSsrc) {
        Endpoint publisher = publisherOf(mediaSsrc);
        if (publisher != null) {
            MediaSource source = publisher.incoming().source(mediaSsrc);
            if (source != null && source.isSimulcast()) {
                for (int layer = 0; layer < source.simulcast().rids().size(); layer++) {
                    publisher.requestLayerKeyframe(source, layer);
                }
            } else {
                publisher.requestKeyframe(mediaSsrc);
            }
            return;
        }
        for (Endpoint layerPublisher : endpoints.values()) {
            IncomingStreams.RelayedLayer relayed = layerPublisher.incoming().relayedLayer(mediaSsrc);
            if (relayed != null) {
                layerPublisher.requestLayerKeyframe(relayed.source(), relayed.layer());
                return;
            }
        }
    }
}
