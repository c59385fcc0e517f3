package org.consilium.videobridge.transport;

import java.net.InetSocketAddress;

/** A browser's UDP address, reached from the media port. Equal paths: same port, same address. */
public record UdpPath(PacketSender port, InetSocketAddress remoteAddress) implements MediaPath {

    @Override
    public void send(byte[] buffer, int offset, int length) {
        port.send(buffer, offset, length, remoteAddress);
    }

    @Override
    public String toString() {
        return "udp " + remoteAddress;
    }
}
