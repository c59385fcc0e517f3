package org.consilium.videobridge.transport;

import java.net.InetSocketAddress;

/**
 * The way to one endpoint that a connectivity check vouched for: a UDP address seen on the
 * media port, or a TCP connection to the TCP media port. What goes out to an endpoint (DTLS,
 * SRTP, STUN answers) goes through the path its ICE agent selected, whichever it is.
 */
public interface MediaPath {

    /**
     * Sends one packet: a datagram, or an RFC 4571 frame on a connection. Never blocks and
     * never throws for network trouble (a packet that cannot go is counted as a send
     * failure, like a lost datagram). Any thread; the caller may reuse the buffer afterwards.
     */
    void send(byte[] buffer, int offset, int length);

    /** The browser's transport address on this path (XOR-MAPPED-ADDRESS, logs). */
    InetSocketAddress remoteAddress();

    /** False once the path can carry nothing any more (its connection closed); a UDP address never closes. */
    default boolean isOpen() {
        return true;
    }
}
