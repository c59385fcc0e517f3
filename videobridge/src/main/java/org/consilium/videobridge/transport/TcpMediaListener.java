package org.consilium.videobridge.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;

/**
 * The TCP media port, for browsers whose network blocks UDP (RFC 6544 ICE-TCP, passive
 * side only: the bridge accepts, it never connects). Served by the UDP port's receive loop
 * ({@link LoopChannel}), so frames reach the demultiplexer on the packet path's one thread;
 * each RFC 4571 frame is handled exactly like a datagram: STUN by the ufrag in USERNAME,
 * everything else only from a connection a check on it vouched for.
 *
 * <p>What a peer can cost is bounded ({@link TcpLimits}): connections per source address
 * and in all, a deadline for the first answered check, frames no longer than a datagram,
 * and one read per connection per loop turn, so neither a flood of connections nor one busy
 * connection holds up the UDP port or the other endpoints. A connection is closed, with
 * the reason counted, when it breaks a rule: a frame too long, anything before its first
 * answered check that is not such a check, no such check in time.
 */
public final class TcpMediaListener implements LoopChannel, AutoCloseable {

    /** The largest datagram the UDP port takes: a frame carries exactly what a datagram would. */
    public static final int MAX_FRAME_LENGTH = UdpTransport.RECEIVE_BUFFER;
    /** Housekeeping (deadlines, consent) looks at the connections this often. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Connections taken from the backlog per loop turn. */
    private static final int ACCEPT_BATCH = 32;
    private static final int BACKLOG = 128;
    private static final Logger LOG = Logger.getLogger(TcpMediaListener.class.getName());

    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    private final EndpointDemultiplexer demultiplexer;
    private final TransportCounters counters;
    private final TcpLimits limits;
    private final LongSupplier nanoClock;
    // receive loop only:
    private final Set<TcpMediaConnection> connections = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perSourceAddress = new HashMap<>();
    private Selector selector;
    private long nextHousekeeping;

    private TcpMediaListener(ServerSocketChannel server, InetSocketAddress localAddress, EndpointDemultiplexer demultiplexer,
                             TransportCounters counters, TcpLimits limits, LongSupplier nanoClock) {
        this.server = server;
        this.localAddress = localAddress;
        this.demultiplexer = demultiplexer;
        this.counters = counters;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** Binds the port (0 picks a free one); nothing is accepted until the receive loop serves it. */
    public static TcpMediaListener bind(InetSocketAddress address, EndpointDemultiplexer demultiplexer,
                                        TransportCounters counters, TcpLimits limits) throws IOException {
        return bind(address, demultiplexer, counters, limits, System::nanoTime);
    }

    static TcpMediaListener bind(InetSocketAddress address, EndpointDemultiplexer demultiplexer,
                                 TransportCounters counters, TcpLimits limits, LongSupplier nanoClock) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            server.configureBlocking(false);
            return new TcpMediaListener(server, (InetSocketAddress) server.getLocalAddress(), demultiplexer, counters,
                    limits, nanoClock);
        } catch (IOException | RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    /** The address the port was bound to (still known after {@link #close}). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void register(Selector loopSelector) throws IOException {
        this.selector = loopSelector;
        server.register(loopSelector, SelectionKey.OP_ACCEPT, (LoopChannel.Ready) key -> accept());
    }

    private void accept() {
        for (int i = 0; i < ACCEPT_BATCH; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException failed) {
                LOG.log(Level.FINE, "accept failed", failed); // say, out of file descriptors: try again next turn
                return;
            }
            if (channel == null) {
                return;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException gone) {
            closeQuietly(channel);
            return;
        }
        InetAddress source = remote.getAddress();
        if (connections.size() >= limits.maxConnections()
                || perSourceAddress.getOrDefault(source, 0) >= limits.maxPerSourceAddress()) {
            counters.dropped(DropReason.TCP_CONNECTION_LIMIT);
            closeQuietly(channel);
            return;
        }
        TcpMediaConnection connection = new TcpMediaConnection(channel, remote, counters, MAX_FRAME_LENGTH,
                nanoClock.getAsLong());
        connection.frames = (buffer, offset, length) -> demultiplexer.receive(buffer, offset, length, connection);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // media: no Nagle delay
            connection.registered(channel.register(selector, SelectionKey.OP_READ,
                    (LoopChannel.Ready) key -> serve(connection, key)));
        } catch (IOException | RuntimeException failed) {
            closeQuietly(channel);
            return;
        }
        connections.add(connection);
        perSourceAddress.merge(source, 1, Integer::sum);
    }

    /** One read per turn at most, so a busy connection cannot hold the loop. */
    private void serve(TcpMediaConnection connection, SelectionKey key) {
        try {
            if (key.isWritable()) {
                connection.flush();
            }
            if (!key.isValid() || !key.isReadable()) {
                return;
            }
            if (connection.in.readFrom(connection.channel()) < 0) {
                close(connection, null); // the browser closed it
                return;
            }
            switch (connection.in.drain(connection.frames)) {
                case FRAME_TOO_LONG -> close(connection, DropReason.TCP_FRAME_TOO_LONG);
                case STOPPED -> close(connection, DropReason.TCP_UNCHECKED_TRAFFIC);
                case NEEDS_MORE -> { }
            }
        } catch (IOException | CancelledKeyException broken) {
            close(connection, null);
        }
    }

    @Override
    public void tick(long nowNanos) {
        if (nowNanos - nextHousekeeping < 0) {
            return;
        }
        nextHousekeeping = nowNanos + HOUSEKEEPING_NANOS;
        long deadline = limits.checkDeadline().toNanos();
        for (TcpMediaConnection connection : new ArrayList<>(connections)) {
            TransportEndpoint endpoint = connection.endpoint();
            if (!connection.isOpen()) {
                close(connection, null); // a send found it broken
            } else if (endpoint == null && nanoClock.getAsLong() - connection.acceptedAtNanos() > deadline) {
                close(connection, DropReason.TCP_NO_CHECK_IN_TIME);
            } else if (endpoint != null && !endpoint.ice().isValidated(connection)) {
                close(connection, null); // consent expired (RFC 7675): the browser is gone
            }
        }
    }

    private void close(TcpMediaConnection connection, DropReason reason) {
        if (!connections.remove(connection)) {
            return;
        }
        if (reason != null) {
            counters.dropped(reason);
        }
        perSourceAddress.computeIfPresent(connection.remoteAddress().getAddress(), (a, n) -> n == 1 ? null : n - 1);
        connection.close();
        TransportEndpoint endpoint = connection.endpoint();
        if (endpoint != null) {
            endpoint.ice().forget(connection);
        }
    }

    /** Open connections (checked or not). Receive loop, or tests once it has stopped. */
    int connectionCount() {
        return connections.size();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // refused anyway
        }
    }

    /**
     * Stops accepting and closes every connection; idempotent. Called by the receive loop
     * when it ends, or by the owner when the loop never started.
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        new ArrayList<>(connections).forEach(connection -> close(connection, null));
    }
}
