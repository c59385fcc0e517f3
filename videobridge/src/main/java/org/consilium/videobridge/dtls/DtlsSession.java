package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.consilium.videobridge.transport.MediaPath;

/**
 * One endpoint's DTLS association, the bridge as server (browsers, accepted relays) or as
 * client (a relay to another bridge). BouncyCastle's engine is blocking, so the handshake
 * runs on a thread from the executor the bridge was given; after it, the same thread keeps
 * reading so that a client whose copy of our last flight was lost gets it again, and so
 * that close_notify ends the session. Closing the session ends the thread.
 *
 * <p>Datagrams reach the engine only through {@link DtlsRecordFilter}, and those it lets
 * through either authenticate or are discarded by the engine, so that after the handshake
 * only the browser, with an authenticated close_notify or fatal alert, ends the session.
 * Everything dropped is reported to the listener with its reason.
 */
public final class DtlsSession implements AutoCloseable {

    /** What the endpoint learns from its DTLS session. */
    public interface Listener {
        /**
         * The handshake completed. Session thread.
         *
         * @param asClient the keys are a DTLS client's (this bridge relays to another), not a server's
         */
        void connected(SrtpKeys keys, boolean asClient);

        /** The handshake failed. Session thread. @param reason safe to log: never key material or packet content */
        void failed(String reason);

        /**
         * The session ended after its handshake. Session thread.
         *
         * @param reason safe to log
         * @param orderly ended by the bridge or by the browser's close_notify, not by an alert or a failure
         */
        void closed(String reason, boolean orderly);

        /** Datagrams (or records, for {@link DtlsDropReason#NOT_AUTHENTICATED}) dropped. Any thread. */
        void dropped(DtlsDropReason reason, int count);
    }

    private static final int READ_TIMEOUT_MILLIS = 1000;

    private final DtlsSrtpPeer peer;
    private final QueueDatagramTransport transport;
    private final DtlsRecordFilter filter;
    private final Listener listener;
    private volatile boolean closed;
    private volatile boolean over;
    private volatile long handshakeCompletedAt = Long.MIN_VALUE;

    /**
     * The bridge's side towards a browser (or a bridge relaying to this one): it waits for
     * the ClientHello.
     *
     * @param destination the endpoint's selected ICE path at the time of each send (null: none yet)
     */
    public static DtlsSession server(BridgeCertificate certificate, Fingerprint remoteFingerprint,
                                     Supplier<? extends MediaPath> destination, Listener listener) {
        return new DtlsSession(new DtlsSrtpServer(new BcTlsCrypto(new SecureRandom()), certificate, remoteFingerprint),
                destination, listener);
    }

    /**
     * The bridge's side towards a bridge it relays to: it sends the ClientHello as soon as it
     * is started (start it once ICE selected the path), and its SRTP keys are a client's.
     */
    public static DtlsSession client(BridgeCertificate certificate, Fingerprint remoteFingerprint,
                                     Supplier<? extends MediaPath> destination, Listener listener) {
        return new DtlsSession(new DtlsSrtpClient(new BcTlsCrypto(new SecureRandom()), certificate, remoteFingerprint),
                destination, listener);
    }

    private DtlsSession(DtlsSrtpPeer peer, Supplier<? extends MediaPath> destination, Listener listener) {
        this.peer = peer;
        this.transport = new QueueDatagramTransport(destination);
        this.filter = new DtlsRecordFilter(QueueDatagramTransport.RECEIVE_LIMIT, new DtlsRecordFilter.SessionState() {
            @Override
            public int minimumProtectedLength() {
                return peer.minimumProtectedLength();
            }

            @Override
            public long handshakeCompletedAt() {
                return handshakeCompletedAt;
            }
        });
        this.listener = listener;
    }

    public void start(Executor executor) {
        executor.execute(this::run);
    }

    /**
     * A DTLS datagram from the endpoint's validated address (which anyone can forge): queued
     * for the engine if every record in it is well formed and for an epoch the session reads;
     * otherwise dropped and reported to the listener. Receive thread.
     */
    public void receive(byte[] buffer, int offset, int length) {
        if (over) {
            listener.dropped(DtlsDropReason.SESSION_OVER, 1);
            return;
        }
        DtlsRecordFilter.Verdict verdict = filter.check(buffer, offset, length, System.nanoTime());
        if (!verdict.passed()) {
            listener.dropped(verdict.dropped(), 1);
        } else if (!transport.offer(buffer, offset, length, verdict.records())) {
            listener.dropped(over ? DtlsDropReason.SESSION_OVER : DtlsDropReason.QUEUE_FULL, 1);
        }
    }

    private void run() {
        DTLSTransport association;
        try {
            association = peer.handshake(transport);
        } catch (IOException | RuntimeException failure) {
            end();
            if (!closed) {
                listener.failed(describe("DTLS handshake failed", failure));
            }
            return;
        }
        handshakeCompletedAt = System.nanoTime();
        transport.countDiscarded(count -> listener.dropped(DtlsDropReason.NOT_AUTHENTICATED, count));
        listener.connected(peer.keys(), peer.isClient());
        Ending ending = read(association);
        end();
        listener.closed(ending.reason(), ending.orderly());
    }

    /** Why a session ended; orderly: by the bridge or by the browser's close_notify. */
    private record Ending(String reason, boolean orderly) {
        static final Ending CLOSED_BY_BRIDGE = new Ending("closed by the bridge", true);
        static final Ending CLOSE_NOTIFY = new Ending("the other side closed DTLS (close_notify)", true);

        static Ending failure(String reason) {
            return new Ending(reason, false);
        }
    }

    /** Reads until the session ends; @return why it ended */
    private Ending read(DTLSTransport association) {
        try {
            byte[] discard = new byte[association.getReceiveLimit()];
            while (!closed) {
                // application data (a data channel, unused for now) is read and dropped
                association.receive(discard, 0, discard.length, READ_TIMEOUT_MILLIS, transport);
            }
            return Ending.CLOSED_BY_BRIDGE;
        } catch (TlsFatalAlertReceived alert) {
            return Ending.failure("the other side sent a fatal alert: " + AlertDescription.getText(alert.getAlertDescription()));
        } catch (IOException | RuntimeException ended) {
            if (closed) {
                return Ending.CLOSED_BY_BRIDGE;
            }
            if (peer.closeNotifyReceived()) {
                return Ending.CLOSE_NOTIFY;
            }
            // Not expected: the filter keeps whatever the engine would fail on away from it.
            return Ending.failure(describe("DTLS failed", ended));
        }
    }

    private void end() {
        over = true;
        transport.close(); // later records are refused, not queued for nobody
    }

    /** The handshake failed or the session ended; it will never carry media again. */
    public boolean isOver() {
        return over;
    }

    private static String describe(String what, Throwable failure) {
        if (failure instanceof TlsFatalAlert alert) {
            return what + ": " + AlertDescription.getText(alert.getAlertDescription());
        }
        if (failure instanceof TlsFatalAlertReceived received) {
            return what + ": the other side sent " + AlertDescription.getText(received.getAlertDescription());
        }
        return what + ": " + failure.getClass().getSimpleName();
    }

    @Override
    public void close() {
        closed = true;
        end();
    }
}
