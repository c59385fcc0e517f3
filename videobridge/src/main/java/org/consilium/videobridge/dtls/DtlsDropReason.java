package org.consilium.videobridge.dtls;

/**
 * Why a DTLS datagram (or, for {@link #NOT_AUTHENTICATED}, a record) from an endpoint's
 * address went no further. Any host on the path can send datagrams with a participant's
 * address as their source, so none of these may end the session: only an authenticated
 * close_notify or fatal alert does (RFC 6347 §4.1.2.7, RFC 9147 §4.5.2).
 */
public enum DtlsDropReason {
    /**
     * Not well formed: a header cut short, a length that does not add up to the datagram,
     * a content type or version DTLS 1.2 does not use, too long for the session, or a
     * protected record shorter than its cipher's nonce and tag (which the DTLS engine would
     * have taken for a fatal decode error).
     */
    MALFORMED,
    /**
     * Not for an epoch the session reads: after the handshake only epoch 1, and epoch-0
     * handshake records while the browser may still be repeating its last flight.
     */
    WRONG_EPOCH,
    /** Discarded by the DTLS engine: its tag did not verify, or it replayed a record already read. */
    NOT_AUTHENTICATED,
    /** The session's queue was full (a flood, or a stuck handshake). */
    QUEUE_FULL,
    /** The session is over (its handshake failed, or it ended): nothing more is read. */
    SESSION_OVER
}
