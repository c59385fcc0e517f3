/**
 * DTLS 1.2 server for DTLS-SRTP (RFC 5763/5764) on BouncyCastle: ECDSA P-256 self-signed
 * certificate announced by its SHA-256 fingerprint, client certificate checked against
 * the fingerprint from the browser's SDP, use_srtp, extended master secret; the SRTP keys
 * come from the exporter. BouncyCastle reassembles fragmented handshake messages (Firefox
 * sends a ClientHello larger than one datagram) and retransmits lost flights.
 */
package org.consilium.videobridge.dtls;
