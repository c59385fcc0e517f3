package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.tls.DatagramTransport;
import org.consilium.videobridge.transport.PacketSender;

/**
 * Gives BouncyCastle's blocking DTLS engine a datagram transport on top of the shared
 * media port: DTLS records the demultiplexer hands over are queued here; what the engine
 * sends goes to the endpoint's selected ICE address.
 */
final class QueueDatagramTransport implements DatagramTransport {

    /** Conservative path MTU for DTLS over UDP/IPv6 with ICE: handshake messages are fragmented to fit. */
    static final int SEND_LIMIT = 1200;
    private static final int RECEIVE_LIMIT = 2048;
    private static final int QUEUE_DEPTH = 64;

    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(QUEUE_DEPTH);
    private final PacketSender sender;
    private final Supplier<InetSocketAddress> destination;
    private volatile boolean closed;

    QueueDatagramTransport(PacketSender sender, Supplier<InetSocketAddress> destination) {
        this.sender = sender;
        this.destination = destination;
    }

    /** @return false when the record was not queued (queue full or transport closed) */
    boolean offer(byte[] buffer, int offset, int length) {
        if (closed || length > RECEIVE_LIMIT) {
            return false;
        }
        byte[] copy = new byte[length];
        System.arraycopy(buffer, offset, copy, 0, length);
        return incoming.offer(copy);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buffer, int offset, int length, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] record;
        try {
            record = incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (record == null) {
            if (closed) {
                throw new IOException("DTLS transport closed");
            }
            return -1; // timeout: the engine decides whether to retransmit
        }
        int copied = Math.min(length, record.length);
        System.arraycopy(record, 0, buffer, offset, copied);
        return copied;
    }

    @Override
    public void send(byte[] buffer, int offset, int length) {
        InetSocketAddress to = destination.get();
        if (to != null && !closed) {
            sender.send(buffer, offset, length, to); // lost? the engine retransmits
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
