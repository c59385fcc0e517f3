package org.consilium.videobridge.stats;

/** Why a packet was not delivered. Every dropped packet is counted under exactly one. */
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
    INTERNAL_ERROR
}
