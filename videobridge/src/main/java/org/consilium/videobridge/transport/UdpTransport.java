package org.consilium.videobridge.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;

/**
 * The node's one media port. A single receive loop (a thread from the executor the owner
 * gives it) reads datagrams into one reused buffer and passes each to the next stage, and
 * runs the stages' timed work between reads; a stage that throws costs that packet (or
 * that tick) only, never the loop. The same loop serves the other {@link LoopChannel}s it is
 * started with (the TCP media port), so all media meets the endpoints on this one thread.
 */
public final class UdpTransport implements PacketSender, AutoCloseable {

    /** Larger than any datagram a browser sends over an Ethernet-sized path. */
    static final int RECEIVE_BUFFER = 2048;
    /** How often timed work (RTCP reports, transport-cc feedback) runs on the receive thread. */
    public static final long TICK_MILLIS = 10;
    /** Datagrams read between two looks at the clock. */
    private static final int MAX_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(UdpTransport.class.getName());
    /**
     * One direct buffer per sending thread (in practice the receive loop, plus the DTLS
     * handshakes'). A heap buffer would be copied into a temporary direct one by the JDK
     * anyway; copying it ourselves saves wrapping each datagram in a new ByteBuffer.
     */
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(RECEIVE_BUFFER));

    private final DatagramChannel channel;
    /** Kept from the bind: a closed channel no longer tells its address. */
    private final InetSocketAddress localAddress;
    private final TransportCounters counters;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private volatile PacketReceiver receiver;
    private final List<LoopChannel> alsoServed = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Channels to serve from the loop's next turn on ({@link #serve}). */
    private final java.util.Queue<LoopChannel> joining = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile Selector selector;

    private UdpTransport(DatagramChannel channel, InetSocketAddress localAddress, TransportCounters counters) {
        this.channel = channel;
        this.localAddress = localAddress;
        this.counters = counters;
    }

    /** Binds the port (0 picks a free one). Nothing is received until {@link #start}. */
    public static UdpTransport bind(InetSocketAddress address, TransportCounters counters) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(address);
            return new UdpTransport(channel, (InetSocketAddress) channel.getLocalAddress(), counters);
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    /** The address the port was bound to (still known after {@link #close}). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Whether the receive loop runs: started, not closed, and not ended by a failure (an
     * I/O error of the port, or an Error such as OutOfMemoryError thrown out of a stage).
     * False after a start means that this node receives no media until the bridge is
     * started again.
     */
    public boolean receiving() {
        return receiver != null && channel.isOpen() && loopEnded.getCount() > 0;
    }

    /** Starts the receive loop on a thread from {@code executor}; if that fails, the port stays unstarted (close it). */
    public void start(PacketReceiver next, Executor executor) throws IOException {
        start(next, executor, List.of());
    }

    /**
     * Starts the receive loop, which also serves {@code others} (closed when the loop ends);
     * if that fails, the port stays unstarted (close it and them).
     */
    public void start(PacketReceiver next, Executor executor, List<LoopChannel> others) throws IOException {
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        try {
            channel.register(selector, SelectionKey.OP_READ);
            for (LoopChannel other : others) {
                other.register(selector);
            }
            this.alsoServed.addAll(others);
            this.selector = selector;
            this.receiver = next;
            executor.execute(() -> receiveLoop(selector));
        } catch (IOException | RuntimeException failed) { // say, the executor refused the loop
            this.receiver = null;
            this.alsoServed.clear();
            selector.close();
            throw failed;
        }
    }

    private void receiveLoop(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        byte[] bytes = buffer.array();
        long tickInterval = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        long nextTick = System.nanoTime() + tickInterval;
        try (selector) {
            while (channel.isOpen()) {
                selector.select(TICK_MILLIS);
                admitJoining(selector);
                serveOthers(selector);
                for (int batch = 0; batch < MAX_BATCH; batch++) {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    if (from == null) {
                        break;
                    }
                    deliver(bytes, buffer.position(), (InetSocketAddress) from);
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + tickInterval;
                    tick(now);
                }
            }
        } catch (ClosedChannelException closed) {
            // close() was called: the normal way out
        } catch (IOException failed) {
            LOG.log(Level.SEVERE, "media port receive failed; no more media on this node", failed);
        } finally {
            alsoServed.forEach(LoopChannel::close);
            loopEnded.countDown();
            drainJoining(); // after the count: one given from now on is closed by serve itself
        }
    }

    /**
     * Serves {@code other} too, from the loop's next turn (a relay's own port): its keys are
     * registered on the loop thread, and it is closed when the loop ends. Any thread; a
     * channel given after the loop ended is closed at once.
     */
    public void serve(LoopChannel other) {
        joining.add(other);
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
        if (!receiving()) {
            drainJoining();
        }
    }

    /** Stops serving {@code other} and closes it. Any thread. */
    public void stopServing(LoopChannel other) {
        joining.remove(other);
        alsoServed.remove(other);
        other.close();
    }

    private void admitJoining(Selector selector) {
        for (LoopChannel other; (other = joining.poll()) != null; ) {
            try {
                other.register(selector);
                alsoServed.add(other);
            } catch (IOException | RuntimeException failed) {
                LOG.log(Level.WARNING, "a channel could not join the media port's receive loop", failed);
                other.close();
            }
        }
    }

    private void drainJoining() {
        for (LoopChannel other; (other = joining.poll()) != null; ) {
            other.close();
        }
    }

    /** The other channels' ready keys (the UDP socket's own key has no attachment: it is read below). */
    private void serveOthers(Selector selector) {
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.attachment() instanceof LoopChannel.Ready ready) {
                try {
                    ready.ready(key);
                } catch (RuntimeException bug) {
                    counters.dropped(DropReason.INTERNAL_ERROR);
                    LOG.log(Level.FINE, "channel stage failed", bug);
                }
            }
        }
        selector.selectedKeys().clear();
    }

    private void deliver(byte[] bytes, int length, InetSocketAddress from) {
        try {
            receiver.receive(bytes, 0, length, from);
        } catch (RuntimeException bug) {
            counters.dropped(DropReason.INTERNAL_ERROR);
            LOG.log(Level.FINE, "packet stage failed", bug);
        }
    }

    private void tick(long now) {
        try {
            receiver.tick(now);
        } catch (RuntimeException bug) {
            counters.dropped(DropReason.INTERNAL_ERROR);
            LOG.log(Level.FINE, "timed stage failed", bug);
        }
        for (LoopChannel other : alsoServed) {
            try {
                other.tick(now);
            } catch (RuntimeException bug) {
                counters.dropped(DropReason.INTERNAL_ERROR);
                LOG.log(Level.FINE, "timed channel work failed", bug);
            }
        }
    }

    @Override
    public void send(byte[] buffer, int offset, int length, InetSocketAddress to) {
        try {
            int sent = channel.send(sendBuffer(buffer, offset, length), to);
            if (sent > 0) {
                counters.sent(sent);
            } else {
                counters.sendFailed(); // non-blocking: the socket's send buffer is full
            }
        } catch (IOException unreachable) {
            // UDP: a send failure (ICMP unreachable, closed port) is like a lost packet
            counters.sendFailed();
            LOG.log(Level.FINE, "send failed", unreachable);
        }
    }

    private static ByteBuffer sendBuffer(byte[] buffer, int offset, int length) {
        ByteBuffer direct = SEND_BUFFER.get();
        if (length > direct.capacity()) {
            return ByteBuffer.wrap(buffer, offset, length); // larger than any media packet: rare
        }
        direct.clear();
        direct.put(buffer, offset, length);
        return direct.flip();
    }

    /** Releases the port and waits (briefly) for the receive loop to end. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (receiver == null) {
            return; // never started
        }
        try {
            loopEnded.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
