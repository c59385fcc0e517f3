package org.consilium.videobridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where the bridge listens and which addresses it tells browsers to use. Advertised
 * addresses are the hospital network's (or loopback, in tests): the bridge never
 * discovers a public address, since nothing may leave the network.
 */
public record BridgeConfig(InetSocketAddress bindAddress, List<InetAddress> advertisedAddresses) {

    public BridgeConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("a bind address is required");
        }
        if (advertisedAddresses == null || advertisedAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one advertised address is required");
        }
        advertisedAddresses = List.copyOf(advertisedAddresses);
    }

    /** Loopback only, on a free port: for tests and the one-command run. */
    public static BridgeConfig loopback() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new BridgeConfig(new InetSocketAddress(loopback, 0), List.of(loopback));
    }
}
