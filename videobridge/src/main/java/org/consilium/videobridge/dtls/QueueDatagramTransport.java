package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.bouncycastle.tls.DTLSRecordCallback;
import org.bouncycastle.tls.DatagramTransport;
import org.consilium.videobridge.transport.MediaPath;

/**
 * Gives BouncyCastle's blocking DTLS engine a datagram transport on top of the shared
 * media port: DTLS records the demultiplexer hands over are queued here; what the engine
 * sends goes on the endpoint's selected ICE path (a UDP address or a TCP connection).
 *
 * <p>It also tells how many records the engine discarded: the engine reports each record
 * it accepted ({@link #recordAccepted}), and when it asks for the next datagram it has read
 * every record of the last one, so those not accepted by then were discarded (a tag that
 * did not verify, a replay). Both happen on the session's thread.
 */
final class QueueDatagramTransport implements DatagramTransport, DTLSRecordCallback {

    /** Conservative path MTU for DTLS over UDP/IPv6 with ICE: handshake messages are fragmented to fit. */
    static final int SEND_LIMIT = 1200;
    static final int RECEIVE_LIMIT = 2048;
    private static final int QUEUE_DEPTH = 64;

    private record Datagram(byte[] bytes, int records) {
    }

    private final BlockingQueue<Datagram> incoming = new ArrayBlockingQueue<>(QUEUE_DEPTH);
    private final Supplier<? extends MediaPath> destination;
    private volatile boolean closed;
    // the session's thread only:
    private IntConsumer discarded;
    private int recordsNotYetAccepted;

    QueueDatagramTransport(Supplier<? extends MediaPath> destination) {
        this.destination = destination;
    }

    /** @return false when the datagram was not queued (queue full or transport closed) */
    boolean offer(byte[] buffer, int offset, int length, int records) {
        if (closed) {
            return false;
        }
        byte[] copy = new byte[length];
        System.arraycopy(buffer, offset, copy, 0, length);
        return incoming.offer(new Datagram(copy, records));
    }

    /** From now on (the handshake is over), records the engine discards are counted here. Session thread. */
    void countDiscarded(IntConsumer discarded) {
        this.recordsNotYetAccepted = 0;
        this.discarded = discarded;
    }

    @Override
    public void recordAccepted(int flags) {
        recordsNotYetAccepted--;
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
        settleLastDatagram();
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        Datagram datagram;
        try {
            datagram = incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (datagram == null) {
            if (closed) {
                throw new IOException("DTLS transport closed");
            }
            return -1; // timeout: the engine decides whether to retransmit
        }
        recordsNotYetAccepted = datagram.records();
        int copied = Math.min(length, datagram.bytes().length);
        System.arraycopy(datagram.bytes(), 0, buffer, offset, copied);
        return copied;
    }

    /** Called when the engine wants more: every record of the last datagram has been read or discarded. */
    private void settleLastDatagram() {
        if (recordsNotYetAccepted > 0 && discarded != null) {
            discarded.accept(recordsNotYetAccepted);
        }
        recordsNotYetAccepted = 0;
    }

    @Override
    public void send(byte[] buffer, int offset, int length) {
        MediaPath to = destination.get();
        if (to != null && !closed) {
            to.send(buffer, offset, length); // lost? the engine retransmits
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
