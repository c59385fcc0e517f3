/**
 * Reading RTP (RFC 3550) and RTCP compound packets (RFC 3550, 4585, 5104) in place, and
 * telling them apart on a muxed port (RFC 5761). Readers validate lengths before any
 * access, so a malformed packet is reported, never an exception.
 */
package org.consilium.videobridge.rtp;
