package org.consilium.videobridge.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;

/**
 * One side of a DTLS-SRTP handshake, as {@link DtlsSession} runs it: the bridge's server
 * side towards browsers and accepted relays, or its client side towards the bridge it
 * relays to.
 */
interface DtlsSrtpPeer {

    /** Runs the handshake over {@code transport}; blocks until it is complete or has failed. */
    DTLSTransport handshake(QueueDatagramTransport transport) throws IOException;

    /** The smallest protected record of the chosen cipher suite; 0 until it is chosen. */
    int minimumProtectedLength();

    /** Whether the other side sent close_notify (after the handshake the engine reads only authenticated alerts). */
    boolean closeNotifyReceived();

    /** The SRTP keys, once the handshake is complete. */
    SrtpKeys keys();

    /** True for the client side, whose SRTP keys are the other way round (RFC 5764 §4.2). */
    boolean isClient();
}
