/**
 * The bridge's load generator (a benchmark, not a test): synthetic endpoints doing real
 * ICE, DTLS and SRTP on loopback send audio and video at real rates; the figures are the
 * bridge's own (CPU and allocation of its threads, transit times it records). Simulcast
 * publishers send VP8 as a browser does (layers, descriptors, keyframes on request), and
 * their receivers tell the layer they get without decrypting (docs/performance.md,
 * "Simulcast and the tumor board").
 */
package org.consilium.videobridge.load;
