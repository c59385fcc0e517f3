package org.consilium.videobridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.consilium.videobridge.conference.BridgeContext;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.EndpointDropReason;
import org.consilium.videobridge.dtls.BridgeCertificate;
import org.consilium.videobridge.ice.HostCandidate;
import org.consilium.videobridge.stats.ReasonCounters;
import org.consilium.videobridge.stats.TransitTimes;
import org.consilium.videobridge.stats.TransportCounters;
import org.consilium.videobridge.transport.EndpointDemultiplexer;
import org.consilium.videobridge.transport.LoopChannel;
import org.consilium.videobridge.transport.RelayPort;
import org.consilium.videobridge.transport.RelayPorts;
import org.consilium.videobridge.transport.TcpLimits;
import org.consilium.videobridge.transport.TcpMediaListener;
import org.consilium.videobridge.transport.UdpTransport;

/**
 * The bridge's control API, shaped like Jitsi's Colibri2 so a real Jitsi Videobridge could
 * stand in: allocate and expire conferences; each conference allocates endpoints, whose
 * local transport (ICE, candidates, fingerprint) goes into the browser's SDP and whose
 * remote transport and sources come back from it.
 */
public final class Videobridge implements BridgeStatusSource, AutoCloseable {

    private final UdpTransport transport;
    /** The TCP media port, or null when the configuration has none. */
    private final TcpMediaListener tcp;
    private final TransportCounters counters;
    private final BridgeContext context;
    private final Map<String, Conference> conferences = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Videobridge(UdpTransport transport, TcpMediaListener tcp, TransportCounters counters, BridgeContext context) {
        this.transport = transport;
        this.tcp = tcp;
        this.counters = counters;
        this.context = context;
    }

    /**
     * Binds the media port (and the TCP media port, if configured) and starts receiving;
     * threads come from {@code executor}. If the start fails after a bind, the ports are
     * released before the exception leaves.
     */
    public static Videobridge start(BridgeConfig config, Executor executor) throws IOException {
        TransportCounters counters = new TransportCounters();
        UdpTransport transport = UdpTransport.bind(config.bindAddress(), counters);
        TcpMediaListener tcp = null;
        try {
            EndpointDemultiplexer demultiplexer = new EndpointDemultiplexer(transport, counters);
            if (config.tcpBindAddress() != null) {
                tcp = TcpMediaListener.bind(config.tcpBindAddress(), demultiplexer, counters, TcpLimits.DEFAULT);
            }
            List<HostCandidate> candidates = candidates(config, transport.localAddress().getPort(),
                    tcp == null ? 0 : tcp.localAddress().getPort());
            BridgeContext context = new BridgeContext(demultiplexer, BridgeCertificate.generate(),
                    candidates, executor, new TransitTimes(), new ReasonCounters<>(EndpointDropReason.class),
                    relayPorts(transport, config, counters));
            transport.start(demultiplexer, executor, tcp == null ? List.of() : List.<LoopChannel>of(tcp));
            return new Videobridge(transport, tcp, counters, context);
        } catch (IOException | RuntimeException failed) {
            transport.close();
            if (tcp != null) {
                tcp.close();
            }
            throw failed;
        }
    }

    /** Relay ports on the media port's address, served by its receive loop. */
    private static RelayPorts relayPorts(UdpTransport transport, BridgeConfig config, TransportCounters counters) {
        return new RelayPorts() {
            @Override
            public RelayPort open(InetSocketAddress remote, RelayPort.Peer peer) throws IOException {
                RelayPort port = RelayPort.open(config.bindAddress().getAddress(), remote, counters, peer);
                transport.serve(port);
                return port;
            }

            @Override
            public void close(RelayPort port) {
                transport.stopServing(port);
            }
        };
    }

    /** Every advertised address on the UDP port, then (when there is one) on the TCP port, whose candidates rank lower. */
    private static List<HostCandidate> candidates(BridgeConfig config, int udpPort, int tcpPort) {
        List<HostCandidate> candidates = new ArrayList<>();
        int foundation = 1;
        for (InetAddress address : config.advertisedAddresses()) {
            candidates.add(new HostCandidate(Integer.toString(foundation++), new InetSocketAddress(address, udpPort)));
        }
        if (tcpPort != 0) {
            for (InetAddress address : config.advertisedAddresses()) {
                candidates.add(new HostCandidate(Integer.toString(foundation++), new InetSocketAddress(address, tcpPort),
                        HostCandidate.Transport.TCP_PASSIVE));
            }
        }
        return List.copyOf(candidates);
    }

    /** Creates the conference, or returns it if it exists (allocation is idempotent, as in Colibri2). */
    public Conference conference(String id) {
        return conferences.computeIfAbsent(id, key -> new Conference(key, context));
    }

    public Optional<Conference> findConference(String id) {
        return Optional.ofNullable(conferences.get(id));
    }

    public Collection<Conference> conferences() {
        return List.copyOf(conferences.values());
    }

    public void expireConference(String id) {
        Conference conference = conferences.remove(id);
        if (conference != null) {
            conference.expire();
        }
    }

    public InetSocketAddress mediaAddress() {
        return transport.localAddress();
    }

    /** Where the TCP media port listens, if the configuration has one. */
    public Optional<InetSocketAddress> tcpMediaAddress() {
        return tcp == null ? Optional.empty() : Optional.of(tcp.localAddress());
    }

    /** Where the port is, what browsers are told, how busy the bridge is, and why it carries no media if it does not. */
    @Override
    public BridgeStatus status() {
        int endpoints = 0;
        int relays = 0;
        for (Conference conference : conferences.values()) {
            for (var endpoint : conference.endpoints()) {
                endpoints++;
                relays += endpoint.isRelay() ? 1 : 0;
            }
        }
        List<InetAddress> advertised = context.candidates().stream().map(c -> c.address().getAddress()).distinct().toList();
        Optional<String> problem = closed ? Optional.of("the bridge is closed")
                : transport.receiving() ? Optional.empty()
                : Optional.of("the media port's receive loop has ended (see the log): no media until the bridge is started again");
        return new BridgeStatus(transport.localAddress(), tcpMediaAddress(), advertised, conferences.size(), endpoints,
                relays, problem);
    }

    public TransportCounters counters() {
        return counters;
    }

    /**
     * Drops of every endpoint there has been, by reason, since the bridge started (those at
     * the port are in {@link #counters()}).
     */
    public Map<EndpointDropReason, Long> endpointDrops() {
        return context.endpointDrops().snapshot();
    }

    /** Receipt-to-send times of forwarded packets, since the previous read. */
    public TransitTimes transitTimes() {
        return context.transit();
    }

    /** Expires every conference and releases the media ports (the receive loop closes the TCP one as it ends). */
    @Override
    public void close() throws IOException {
        closed = true;
        conferences.keySet().forEach(this::expireConference);
        transport.close();
    }
}
