/**
 * The first stages: one UDP socket for every endpoint of the node, and (when configured) one
 * TCP port for browsers whose network blocks UDP (ICE-TCP, RFC 4571 frames), both served by
 * one receive loop that no packet can break; classification by first byte (RFC 7983), and
 * demultiplexing: STUN by the ICE ufrag in USERNAME, everything else by the path (a UDP
 * address, or a TCP connection) that a successful connectivity check has vouched for.
 */
package org.consilium.videobridge.transport;
