package org.consilium.videobridge.transport;

import java.net.InetSocketAddress;

/** Sends a datagram from the node's media port. */
@FunctionalInterface
public interface PacketSender {

    /** Sends {@code length} bytes at {@code offset}; the caller may reuse the buffer afterwards. */
    void send(byte[] buffer, int offset, int length, InetSocketAddress to);
}
