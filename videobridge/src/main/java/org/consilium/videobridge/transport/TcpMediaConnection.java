package org.consilium.videobridge.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.consilium.videobridge.stats.TransportCounters;

/**
 * One browser's TCP connection to the TCP media port (RFC 6544 passive side), as a path
 * for its endpoint's packets: each goes out as one RFC 4571 frame. Sends come from the
 * receive loop and from DTLS handshake threads, so they are serialised here; a send never
 * blocks: what the socket does not take at once waits in a bounded backlog that the loop
 * writes when the socket has room, and a frame that does not fit there is dropped whole
 * (counted as a send failure, like a datagram the UDP socket refuses), so the stream's
 * framing stays intact.
 */
public final class TcpMediaConnection implements MediaPath {

    /** Frames waiting for the socket beyond its own send buffer: about half a second of a call's video. */
    static final int BACKLOG_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final InetSocketAddress remoteAddress;
    private final TransportCounters counters;
    private final long acceptedAtNanos;
    private final int maxFrameLength;
    final Rfc4571Deframer in;
    /** Where this connection's frames go (the demultiplexer, with this connection as their path). */
    Rfc4571Deframer.FrameSink frames;
    /** Guarded by this. Direct: the kernel copies from it without a temporary buffer. */
    private final ByteBuffer frameOut;
    /** Guarded by this; in write mode (position = bytes waiting); created on the first short write. */
    private ByteBuffer backlog;
    private volatile SelectionKey key;
    /** The endpoint whose check this connection passed; receive loop only. */
    private TransportEndpoint endpoint;

    TcpMediaConnection(SocketChannel channel, InetSocketAddress remoteAddress, TransportCounters counters,
                       int maxFrameLength, long acceptedAtNanos) {
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.counters = counters;
        this.maxFrameLength = maxFrameLength;
        this.acceptedAtNanos = acceptedAtNanos;
        this.in = new Rfc4571Deframer(maxFrameLength);
        this.frameOut = ByteBuffer.allocateDirect(Rfc4571Deframer.LENGTH_FIELD + maxFrameLength);
    }

    SocketChannel channel() {
        return channel;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    long acceptedAtNanos() {
        return acceptedAtNanos;
    }

    /** The endpoint a check on this connection was answered for, or null before. Receive loop. */
    TransportEndpoint endpoint() {
        return endpoint;
    }

    void bind(TransportEndpoint checkedFor) {
        this.endpoint = checkedFor;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void send(byte[] buffer, int offset, int length) {
        if (length > maxFrameLength) {
            counters.sendFailed();
            return;
        }
        synchronized (this) {
            if (!channel.isOpen()) {
                counters.sendFailed();
                return;
            }
            try {
                if (backlog != null && backlog.position() > 0) {
                    queue(buffer, offset, length); // behind what waits: the stream's order is the frames' order
                    return;
                }
                frameOut.clear();
                Rfc4571Deframer.putLength(frameOut, length);
                frameOut.put(buffer, offset, length).flip();
                channel.write(frameOut);
                if (frameOut.hasRemaining()) {
                    backlog().put(frameOut); // the rest of this frame first, whatever comes next
                    wantToWrite();
                }
                counters.sent(length);
            } catch (IOException | CancelledKeyException broken) {
                counters.sendFailed();
                close(); // the loop forgets it at its next look
            }
        }
    }

    private void queue(byte[] buffer, int offset, int length) {
        if (backlog.remaining() < Rfc4571Deframer.LENGTH_FIELD + length) {
            counters.sendFailed();
            return;
        }
        Rfc4571Deframer.putLength(backlog, length);
        backlog.put(buffer, offset, length);
        counters.sent(length);
    }

    private ByteBuffer backlog() {
        if (backlog == null) {
            backlog = ByteBuffer.allocate(BACKLOG_BYTES);
        }
        return backlog;
    }

    private void wantToWrite() {
        SelectionKey current = key;
        if (current != null) {
            current.interestOpsOr(SelectionKey.OP_WRITE);
            current.selector().wakeup(); // the loop may be waiting up to a tick
        }
    }

    /** The socket has room: writes what waits. Receive loop. */
    synchronized void flush() throws IOException {
        if (backlog == null || backlog.position() == 0) {
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
            return;
        }
        backlog.flip();
        try {
            channel.write(backlog);
        } finally {
            backlog.compact();
        }
        if (backlog.position() == 0) {
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
        }
    }

    /** Bytes waiting for the socket. */
    synchronized int backlogBytes() {
        return backlog == null ? 0 : backlog.position();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing more to lose
        }
    }

    @Override
    public String toString() {
        return "tcp " + remoteAddress;
    }
}
