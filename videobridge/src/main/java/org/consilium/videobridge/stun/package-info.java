/**
 * STUN (RFC 5389) as ICE uses it: Binding requests, responses and indications with
 * USERNAME, PRIORITY, USE-CANDIDATE, ICE-CONTROLLED/-CONTROLLING, XOR-MAPPED-ADDRESS,
 * MESSAGE-INTEGRITY (short-term credentials) and FINGERPRINT. Parsing reads the packet in
 * place; anything inconsistent is a {@link org.consilium.videobridge.stun.MalformedStunException}.
 * Verified against the RFC 5769 test vectors.
 */
package org.consilium.videobridge.stun;
