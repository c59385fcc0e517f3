package org.consilium.videobridge.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stats.TransportCounters;

/**
 * The node's one media port. A single receive loop (a thread from the executor the owner
 * gives it) reads datagrams into one reused buffer and passes each to the next stage; a
 * stage that throws costs that packet only, never the loop.
 */
public final class UdpTransport implements PacketSender, AutoCloseable {

    /** Larger than any datagram a browser sends over an Ethernet-sized path. */
    static final int RECEIVE_BUFFER = 2048;
    private static final Logger LOG = Logger.getLogger(UdpTransport.class.getName());

    private final DatagramChannel channel;
    private final TransportCounters counters;
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private volatile PacketReceiver receiver;

    private UdpTransport(DatagramChannel channel, TransportCounters counters) {
        this.channel = channel;
        this.counters = counters;
    }

    /** Binds the port (0 picks a free one). Nothing is received until {@link #start}. */
    public static UdpTransport bind(InetSocketAddress address, TransportCounters counters) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(address);
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
        return new UdpTransport(channel, counters);
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException closed) {
            throw new UncheckedIOException(closed);
        }
    }

    public void start(PacketReceiver next, Executor executor) {
        this.receiver = next;
        executor.execute(this::receiveLoop);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        byte[] bytes = buffer.array();
        try {
            while (channel.isOpen()) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    continue;
                }
                try {
                    receiver.receive(bytes, 0, buffer.position(), (InetSocketAddress) from);
                } catch (RuntimeException bug) {
                    counters.dropped(DropReason.INTERNAL_ERROR);
                    LOG.log(Level.FINE, "packet stage failed", bug);
                }
            }
        } catch (ClosedChannelException closed) {
            // close() was called: the normal way out
        } catch (IOException failed) {
            LOG.log(Level.SEVERE, "media port receive failed; no more media on this node", failed);
        } finally {
            loopEnded.countDown();
        }
    }

    @Override
    public void send(byte[] buffer, int offset, int length, InetSocketAddress to) {
        try {
            int sent = channel.send(ByteBuffer.wrap(buffer, offset, length), to);
            if (sent > 0) {
                counters.sent(sent);
            }
        } catch (IOException unreachable) {
            // UDP: a send failure (ICMP unreachable, closed port) is like a lost packet
            LOG.log(Level.FINE, "send failed", unreachable);
        }
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
