/**
 * The first stages: one UDP socket for every endpoint of the node, a receive loop that no
 * packet can break, classification by first byte (RFC 7983), and demultiplexing: STUN by
 * the ICE ufrag in USERNAME, everything else by a remote address that a successful
 * connectivity check has vouched for.
 */
package org.consilium.videobridge.transport;
