/**
 * The selective forwarding unit embedded in the server: ICE, DTLS-SRTP and RTP/RTCP
 * forwarding as a chain of small stages, with a Colibri2-shaped control API above it.
 * Plain Java, no Jakarta EE; filled by the videobridge issue.
 */
package org.consilium.videobridge;
