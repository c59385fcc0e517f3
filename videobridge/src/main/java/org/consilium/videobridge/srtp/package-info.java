/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) through jitsi-srtp, keyed from the DTLS exporter:
 * what an endpoint sends is decrypted with the browser's keys, what it is sent is
 * encrypted with the bridge's. Replay protection is on; a packet that fails
 * authentication or is a replay is dropped and counted, never forwarded.
 */
package org.consilium.videobridge.srtp;
