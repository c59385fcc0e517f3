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
 * Hands each packet to its endpoint, whether it came as a datagram of the UDP port or as
 * a frame of a connection to the TCP port. STUN finds the endpoint by the local ufrag in
 * USERNAME and is answered on the path it came by; an answered check teaches that path (the
 * UDP address, or the connection). Everything else is accepted only on a taught, still
 * consented path.
 */
public final class EndpointDemultiplexer implements PacketReceiver {

    /** A UDP address an answered check taught, and the endpoint it belongs to. */
    private record Route(TransportEndpoint endpoint, UdpPath path) {
    }

    /** A check answered for this endpoint: the path is taught before the answer goes out on it. */
    private record Answered(TransportEndpoint endpoint, byte[] response) {
        void send(MediaPath path) {
            path.send(response, 0, response.length);
        }
    }

    private final Map<String, TransportEndpoint> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Route> byAddress = new ConcurrentHashMap<>();
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
        byAddress.values().removeIf(known -> known.endpoint() == endpoint);
    }

    /** A datagram of the UDP port. */
    @Override
    public void receive(byte[] buffer, int offset, int length, InetSocketAddress from) {
        counters.received(length);
        if (length == 0) {
            counters.dropped(DropReason.UNKNOWN_PROTOCOL);
            return;
        }
        PacketKind kind = PacketKind.of(buffer[offset]);
        switch (kind) {
            case STUN -> {
                Route known = byAddress.get(from);
                UdpPath path = known != null ? known.path() : new UdpPath(sender, from);
                Answered answered = onStun(buffer, offset, length, path);
                if (answered != null) {
                    byAddress.put(from, new Route(answered.endpoint(), path));
                    answered.send(path);
                }
            }
            case DTLS, RTP_RTCP -> {
                Route route = byAddress.get(from);
                onData(kind, buffer, offset, length, route == null ? null : route.endpoint(), route == null ? null : route.path());
            }
            default -> counters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    /**
     * A frame of a connection to the TCP port. Receive loop.
     *
     * @return false when the connection is to be closed: before a check on it has been
     *         answered, anything but such a check means the peer is no browser of ours
     */
    boolean receive(byte[] buffer, int offset, int length, TcpMediaConnection connection) {
        counters.received(length);
        TransportEndpoint bound = connection.endpoint();
        PacketKind kind = length == 0 ? PacketKind.UNKNOWN : PacketKind.of(buffer[offset]);
        switch (kind) {
            case STUN -> {
                Answered answered = onStun(buffer, offset, length, connection);
                if (answered != null) {
                    connection.bind(answered.endpoint());
                    answered.send(connection);
                    return true;
                }
            }
            case DTLS, RTP_RTCP -> {
                if (bound != null) {
                    onData(kind, buffer, offset, length, bound, connection);
                    return true;
                }
                counters.dropped(DropReason.UNKNOWN_ADDRESS);
            }
            default -> counters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
        return bound != null;
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

    /** @return the answer to send and the endpoint it is for, or null (dropped and counted) */
    private Answered onStun(byte[] buffer, int offset, int length, MediaPath path) {
        StunMessage message;
        try {
            message = StunMessage.parse(buffer, offset, length);
        } catch (MalformedStunException malformed) {
            counters.dropped(DropReason.MALFORMED_STUN);
            return null;
        }
        if (message.type() == StunMessage.BINDING_INDICATION) {
            return null; // keepalive (RFC 8445 §11): nothing to answer
        }
        if (message.type() != StunMessage.BINDING_REQUEST) {
            counters.dropped(DropReason.UNSUPPORTED_STUN);
            return null;
        }
        TransportEndpoint endpoint = endpointFor(message.text(StunAttribute.USERNAME));
        if (endpoint == null) {
            counters.dropped(DropReason.UNKNOWN_ICE_UFRAG);
            return null;
        }
        IceLiteAgent.Outcome outcome = endpoint.ice().onBindingRequest(message, path);
        if (outcome instanceof IceLiteAgent.Answer answer) {
            return new Answered(endpoint, answer.response());
        }
        if (outcome instanceof IceLiteAgent.Refusal refusal) {
            counters.dropped(refusal.reason());
        }
        return null;
    }

    private void onData(PacketKind kind, byte[] buffer, int offset, int length, TransportEndpoint endpoint, MediaPath path) {
        if (endpoint == null || !endpoint.ice().isValidated(path)) {
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
