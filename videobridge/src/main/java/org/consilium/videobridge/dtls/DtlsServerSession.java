package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.consilium.videobridge.transport.PacketSender;

/**
 * One endpoint's DTLS association. BouncyCastle's engine is blocking, so the handshake
 * runs on a thread from the executor the bridge was given; after it, the same thread keeps
 * reading so that a client whose copy of our last flight was lost gets it again, and so
 * that close_notify ends the session. Closing the session ends the thread.
 */
public final class DtlsServerSession implements AutoCloseable {

    /** What the endpoint learns from its DTLS session. Called on the session's thread. */
    public interface Listener {
        void connected(SrtpKeys keys);

        /** @param reason safe to log: never key material or packet content */
        void failed(String reason);

        void closed();
    }

    private static final int READ_TIMEOUT_MILLIS = 1000;

    private final DtlsSrtpServer server;
    private final QueueDatagramTransport transport;
    private final Listener listener;
    private volatile boolean closed;
    private volatile boolean failed;

    public DtlsServerSession(BridgeCertificate certificate, Fingerprint remoteFingerprint, PacketSender sender,
                             Supplier<InetSocketAddress> destination, Listener listener) {
        this.server = new DtlsSrtpServer(new BcTlsCrypto(new SecureRandom()), certificate, remoteFingerprint);
        this.transport = new QueueDatagramTransport(sender, destination);
        this.listener = listener;
    }

    public void start(Executor executor) {
        executor.execute(this::run);
    }

    /** A DTLS record from the endpoint's validated address. @return false if it had to be dropped */
    public boolean receive(byte[] buffer, int offset, int length) {
        return transport.offer(buffer, offset, length);
    }

    private void run() {
        DTLSTransport association;
        try {
            association = new DTLSServerProtocol().accept(server, transport);
        } catch (IOException | RuntimeException failure) {
            failed = true;
            transport.close(); // later records are refused, not queued for nobody
            if (!closed) {
                listener.failed(describe(failure));
            }
            return;
        }
        listener.connected(server.keys());
        try {
            byte[] discard = new byte[association.getReceiveLimit()];
            while (!closed) {
                if (association.receive(discard, 0, discard.length, READ_TIMEOUT_MILLIS) < 0 && closed) {
                    break;
                }
                // application data (a data channel, unused for now) is read and dropped
            }
        } catch (IOException | RuntimeException endedOrBroken) {
            // close_notify, a fatal alert, or close(): the association is over
        }
        listener.closed();
    }

    /** The handshake failed; this session will never carry media. */
    public boolean hasFailed() {
        return failed;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TlsFatalAlert alert) {
            return "DTLS handshake failed: " + org.bouncycastle.tls.AlertDescription.getText(alert.getAlertDescription());
        }
        return "DTLS handshake failed: " + failure.getClass().getSimpleName();
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
    }
}
