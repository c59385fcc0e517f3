/**
 * The selective forwarding unit embedded in the server. A packet arriving on the node's
 * one UDP port passes a short chain of small stages, each in its own package:
 * {@code transport} (receive, classify by first byte, demultiplex to an endpoint),
 * {@code stun}/{@code ice} (connectivity checks, ICE-lite), then DTLS, SRTP and RTP
 * forwarding as they arrive. {@code stats} counts what passes and what is dropped, and why.
 * Plain Java, no Jakarta EE: whoever embeds the bridge gives it its threads.
 */
package org.consilium.videobridge;
