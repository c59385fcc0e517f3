package org.consilium.videobridge.transport;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;
import org.consilium.videobridge.stun.MalformedStunException;
import org.consilium.videobridge.stun.StunAttribute;
import org.consilium.videobridge.stun.StunMessage;

/**
 * Hands each datagram of the shared port to its endpoint. STUN finds the endpoint by the
 * local ufrag in USERNAME and is answered here; an answered check teaches the address.
 * Everything else is accepted only from a taught, still-consented address.
 */
public final class EndpointDemultiplexer implements PacketReceiver {

    private final Map<String, TransportEndpoint> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, TransportEndpoint> byAddress = new ConcurrentHashMap<>();
    private final PacketSender sender;
    private final TransportCounters counters;

    public EndpointDemultiplexer(PacketSender sender, TransportCounters counters) {
        this.sender = sender;
        this.counters = counters;
    }

    public void register(TransportEndpoint endpoint) {
        byUfrag.put(endpoint.ice().localCredentials().ufrag(), endpoint);
    }

    /**
     * The endpoint's local ufrag changed (an ICE restart): checks find it under the new one
     * only. Addresses it already has stay its own until it is unregistered.
     */
    public void ufragChanged(TransportEndpoint endpoint, String previousUfrag) {
        byUfrag.remove(previousUfrag, endpoint);
        byUfrag.put(endpoint.ice().localCredentials().ufrag(), endpoint);
    }

    public void unregister(TransportEndpoint endpoint) {
        byUfrag.remove(endpoint.ice().localCredentials().ufrag(), endpoint);
        byAddress.values().removeIf(known -> known == endpoint);
    }

    @Override
    public void receive(byte[] buffer, int offset, int length, InetSocketAddress from) {
        counters.received(length);
        if (length == 0) {
            counters.dropped(DropReason.UNKNOWN_PROTOCOL);
            return;
        }
        PacketKind kind = PacketKind.of(buffer[offset]);
        switch (kind) {
            case STUN -> onStun(buffer, offset, length, from);
            case DTLS, RTP_RTCP -> onData(kind, buffer, offset, length, from);
            default -> counters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    @Override
    public void tick(long nowNanos) {
        for (TransportEndpoint endpoint : byUfrag.values()) {
            try {
                endpoint.tick(nowNanos);
            } catch (RuntimeException bug) {
                counters.dropped(DropReason.INTERNAL_ERROR);
            }
        }
    }

    private void onStun(byte[] buffer, int offset, int length, InetSocketAddress from) {
        StunMessage message;
        try {
            message = StunMessage.parse(buffer, offset, length);
        } catch (MalformedStunException malformed) {
            counters.dropped(DropReason.MALFORMED_STUN);
            return;
        }
        if (message.type() == StunMessage.BINDING_INDICATION) {
            return; // keepalive (RFC 8445 §11): nothing to answer
        }
        if (message.type() != StunMessage.BINDING_REQUEST) {
            counters.dropped(DropReason.UNSUPPORTED_STUN);
            return;
        }
        TransportEndpoint endpoint = endpointFor(message.text(StunAttribute.USERNAME));
        if (endpoint == null) {
            counters.dropped(DropReason.UNKNOWN_ICE_UFRAG);
            return;
        }
        IceLiteAgent.Outcome outcome = endpoint.ice().onBindingRequest(message, from);
        if (outcome instanceof IceLiteAgent.Answer answer) {
            byAddress.put(from, endpoint);
            sender.send(answer.response(), 0, answer.response().length, from);
        } else if (outcome instanceof IceLiteAgent.Refusal refusal) {
            counters.dropped(refusal.reason());
        }
    }

    private void onData(PacketKind kind, byte[] buffer, int offset, int length, InetSocketAddress from) {
        TransportEndpoint endpoint = byAddress.get(from);
        if (endpoint == null || !endpoint.ice().isValidated(from)) {
            counters.dropped(DropReason.UNKNOWN_ADDRESS);
            return;
        }
        endpoint.receive(kind, buffer, offset, length);
    }

    private TransportEndpoint endpointFor(String username) {
        if (username == null) {
            return null;
        }
        int colon = username.indexOf(':');
        return colon <= 0 ? null : byUfrag.get(username.substring(0, colon));
    }
}
