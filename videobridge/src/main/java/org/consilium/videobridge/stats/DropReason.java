package org.consilium.videobridge.stats;

/**
 * Why a packet was not delivered. Every dropped packet is counted under exactly one. The
 * {@code TCP_} reasons count connections to the TCP media port that were closed (or refused)
 * for breaking its rules, not packets.
 */
public enum DropReason {
    /** First byte matches no protocol we multiplex (RFC 7983). */
    UNKNOWN_PROTOCOL,
    /** Too short or inconsistent to be a STUN message. */
    MALFORMED_STUN,
    /** A STUN message we do not handle (not a Binding request or indication). */
    UNSUPPORTED_STUN,
    /** USERNAME missing, or naming an ICE ufrag that belongs to no endpoint. */
    UNKNOWN_ICE_UFRAG,
    /** MESSAGE-INTEGRITY missing or wrong for the endpoint's password. */
    BAD_MESSAGE_INTEGRITY,
    /** FINGERPRINT missing or wrong. */
    BAD_FINGERPRINT,
    /** A non-STUN packet from an address no successful connectivity check has vouched for. */
    UNKNOWN_ADDRESS,
    /** A bug: the packet made a stage throw. Counted so it shows, never fatal to the loop. */
    INTERNAL_ERROR,
    /** A TCP connection refused: too many open from its source address, or in all. */
    TCP_CONNECTION_LIMIT,
    /** A TCP connection closed: it announced a frame longer than any datagram the bridge takes. */
    TCP_FRAME_TOO_LONG,
    /** A TCP connection closed: before a check on it was answered, it sent something else. */
    TCP_UNCHECKED_TRAFFIC,
    /** A TCP connection closed: no check on it was answered in time (silent, or trickling bytes). */
    TCP_NO_CHECK_IN_TIME
}
