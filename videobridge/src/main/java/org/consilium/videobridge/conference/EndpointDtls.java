package org.consilium.videobridge.conference;

import java.util.function.ObjIntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.dtls.DtlsDropReason;
import org.consilium.videobridge.dtls.DtlsSession;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.srtp.SrtpTransformer;

/**
 * One endpoint's DTLS session, started on the first record once the browser's fingerprint
 * is known, and the SRTP keys it yields (dropped again when the browser closes DTLS or the
 * endpoint expires). What the session drops is counted as the endpoint's drops.
 */
final class EndpointDtls implements DtlsSession.Listener {

    private static final Logger LOG = Logger.getLogger(Endpoint.class.getName());

    private final String name;
    private final BridgeContext bridge;
    private final IceLiteAgent ice;
    private final ObjIntConsumer<EndpointDropReason> drops;
    private volatile Fingerprint remoteFingerprint;
    private volatile DtlsSession session;
    private volatile SrtpTransformer srtp;
    private volatile boolean closed;
    /** This side is the DTLS client (a relay it initiates): the session starts on {@link #initiate}, not on a record. */
    private final boolean client;

    /** @param name how the log names the endpoint (no participant name: ids only) */
    EndpointDtls(String name, BridgeContext bridge, IceLiteAgent ice, ObjIntConsumer<EndpointDropReason> drops,
                 boolean client) {
        this.name = name;
        this.client = client;
        this.bridge = bridge;
        this.ice = ice;
        this.drops = drops;
    }

    /** The certificate the browser's SDP announced; its DTLS session must present it. */
    void expect(Fingerprint fingerprint) {
        remoteFingerprint = fingerprint;
    }

    Fingerprint remoteFingerprint() {
        return remoteFingerprint;
    }

    /** The keys for this endpoint's SRTP, or null before the handshake and after the session. */
    SrtpTransformer srtp() {
        return srtp;
    }

    /** A DTLS datagram from the endpoint's validated address. Receive thread. */
    void receive(byte[] buffer, int offset, int length) {
        DtlsSession current = session();
        if (current == null) {
            drops.accept(EndpointDropReason.DTLS_BEFORE_REMOTE_TRANSPORT, 1);
        } else {
            current.receive(buffer, offset, length); // its drops come back through dropped()
        }
    }

    private DtlsSession session() {
        DtlsSession current = session;
        if (current != null || remoteFingerprint == null || client) {
            return current;
        }
        synchronized (this) {
            if (session == null && !closed) {
                session = DtlsSession.server(bridge.certificate(), remoteFingerprint, ice::selectedPath, this);
                session.start(bridge.executor());
            }
            return session;
        }
    }

    /** The client side's handshake, once ICE selected the path to the other bridge (once; later calls do nothing). */
    synchronized void initiate() {
        if (client && session == null && !closed && remoteFingerprint != null) {
            session = DtlsSession.client(bridge.certificate(), remoteFingerprint, ice::selectedPath, this);
            session.start(bridge.executor());
        }
    }

    /** The endpoint expired: the session ends, the keys go. */
    synchronized void close() {
        closed = true;
        DtlsSession current = session;
        if (current != null) {
            current.close();
        }
        forgetKeys();
    }

    private void forgetKeys() {
        SrtpTransformer keys = srtp;
        srtp = null;
        if (keys != null) {
            keys.close();
        }
    }

    @Override
    public void connected(SrtpKeys keys, boolean asClient) {
        if (!closed) {
            srtp = asClient ? SrtpTransformer.forBrowser(keys) : SrtpTransformer.forBridge(keys);
        }
    }

    @Override
    public void failed(String reason) {
        LOG.info(() -> name + ": " + reason);
    }

    @Override
    public void closed(String reason, boolean orderly) {
        // The browser closed DTLS (left, or ICE restart with new DTLS): no more media to it.
        forgetKeys();
        if (!closed && ice.hasConsent()) {
            // the browser is still there and answering, but its media stopped: say why
            LOG.log(orderly ? Level.INFO : Level.WARNING, () -> name + ": DTLS ended while ICE consent was fresh: " + reason);
        }
    }

    @Override
    public void dropped(DtlsDropReason reason, int count) {
        drops.accept(EndpointDropReason.of(reason), count);
    }
}
