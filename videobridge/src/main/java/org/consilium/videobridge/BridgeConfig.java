package org.consilium.videobridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where the bridge listens and which addresses it tells browsers to use. Advertised
 * addresses are the hospital network's (or loopback, in tests): the bridge never
 * discovers a public address, since nothing may leave the network.
 *
 * @param tcpBindAddress where the TCP media port listens (ICE-TCP, for networks that block
 *                       UDP; port 0 picks a free one), or null for none: then browsers are
 *                       offered UDP only
 */
public record BridgeConfig(InetSocketAddress bindAddress, List<InetAddress> advertisedAddresses,
                           InetSocketAddress tcpBindAddress) {

    public BridgeConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("a bind address is required");
        }
        if (advertisedAddresses == null || advertisedAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one advertised address is required");
        }
        advertisedAddresses = List.copyOf(advertisedAddresses);
    }

    /** UDP only. */
    public BridgeConfig(InetSocketAddress bindAddress, List<InetAddress> advertisedAddresses) {
        this(bindAddress, advertisedAddresses, null);
    }

    /** Loopback only, on a free port: for tests and the one-command run. */
    public static BridgeConfig loopback() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new BridgeConfig(new InetSocketAddress(loopback, 0), List.of(loopback));
    }

    /** The same, with a TCP media port on the UDP port's address ({@code port} 0: a free one). */
    public BridgeConfig withTcpPort(int port) {
        return new BridgeConfig(bindAddress, advertisedAddresses, new InetSocketAddress(bindAddress.getAddress(), port));
    }

    public Optional<InetSocketAddress> tcp() {
        return Optional.ofNullable(tcpBindAddress);
    }
}
