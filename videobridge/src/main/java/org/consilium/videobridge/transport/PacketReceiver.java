package org.consilium.videobridge.transport;

import java.net.InetSocketAddress;

/** The next stage after the socket. The buffer is reused by the receive loop after the call returns. */
public interface PacketReceiver {

    void receive(byte[] buffer, int offset, int length, InetSocketAddress from);

    /** Timed work, on the receive thread, every {@link UdpTransport#TICK_MILLIS} or so. */
    default void tick(long nowNanos) {
    }
}
