package org.consilium.videobridge.conference;

import org.consilium.videobridge.dtls.DtlsDropReason;

/**
 * Why a packet from (or, for {@link #SRTP_NOT_PROTECTED} and {@link #RESEND_NOT_AS_SENT}, to) an endpoint went
 * no further. Counted per endpoint.
 */
public enum EndpointDropReason {
    /** DTLS arrived before the signaling gave the browser's fingerprint. */
    DTLS_BEFORE_REMOTE_TRANSPORT,
    /** DTLS after the session was over (its handshake failed, say a certificate not matching the SDP, or it ended). */
    DTLS_SESSION_OVER,
    /** The DTLS session's queue was full (a flood, or a stuck handshake). */
    DTLS_QUEUE_FULL,
    /** A DTLS datagram with a record that is not well formed ({@code DtlsDropReason.MALFORMED}). */
    DTLS_MALFORMED,
    /** A DTLS record for an epoch the session does not read ({@code DtlsDropReason.WRONG_EPOCH}). */
    DTLS_WRONG_EPOCH,
    /** A DTLS record whose tag did not verify, or a replay: counted per record ({@code DtlsDropReason.NOT_AUTHENTICATED}). */
    DTLS_NOT_AUTHENTICATED,
    /** SRTP/SRTCP before the DTLS handshake completed. */
    NOT_CONNECTED,
    SRTP_AUTHENTICATION_FAILED,
    SRTP_REPLAYED,
    SRTP_MALFORMED,
    MALFORMED_RTP,
    MALFORMED_RTCP,
    /**
     * Transport-cc feedback (RTPFB FMT 15) from a receiver that does not parse
     * ({@code TransportCcReader.Outcome}): ignored whole, the rest of its RTCP compound is still read.
     */
    MALFORMED_TRANSPORT_CC,
    /** RTP with an SSRC this endpoint has not declared: never forwarded, so nobody can spoof a stream. */
    UNDECLARED_SSRC,
    /** A packet for this endpoint that SRTP did not protect: not sent, so never in clear text (SrtpTransformer). */
    SRTP_NOT_PROTECTED,
    /**
     * A NACK without RTX that the first copy cannot be repeated for, byte for byte (not sent
     * to this endpoint before, sent while it had RTX, renegotiated since): not answered, as
     * another packet under the same SRTP index would reuse an AES-GCM nonce (SentPackets).
     */
    RESEND_NOT_AS_SENT;

    /** The endpoint's reason for what its DTLS session dropped. */
    public static EndpointDropReason of(DtlsDropReason reason) {
        return switch (reason) {
            case MALFORMED -> DTLS_MALFORMED;
            case WRONG_EPOCH -> DTLS_WRONG_EPOCH;
            case NOT_AUTHENTICATED -> DTLS_NOT_AUTHENTICATED;
            case QUEUE_FULL -> DTLS_QUEUE_FULL;
            case SESSION_OVER -> DTLS_SESSION_OVER;
        };
    }
}
