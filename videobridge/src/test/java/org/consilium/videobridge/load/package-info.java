/**
 * The bridge's load generator (a benchmark, not a test): synthetic endpoints doing real
 * ICE, DTLS and SRTP on loopback send audio and video at real rates; the figures are the
 * bridge's own (CPU and allocation of its threads, transit times it records).
 */
package org.consilium.videobridge.load;
