package org.consilium.videobridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What monitoring needs to know about a bridge: where its media port is (or is to be)
 * bound, and its TCP media port if it has one, which addresses it gives browsers as
 * candidates, how many conferences and endpoints it holds (and how many of those are relays
 * to other bridges: {@code relays}), and, if it carries no media, why
 * ({@code problem}: the port could not be opened, the receive loop has ended, the bridge was
 * closed).
 */
public record BridgeStatus(InetSocketAddress mediaAddress, Optional<InetSocketAddress> tcpMediaAddress,
                           List<InetAddress> advertisedAddresses, int conferences, int endpoints, int relays,
                           Optional<String> problem) {

    public BridgeStatus {
        advertisedAddresses = List.copyOf(advertisedAddresses);
    }

    /** @param endpoints every endpoint, none of them a relay to another bridge */
    public BridgeStatus(InetSocketAddress mediaAddress, Optional<InetSocketAddress> tcpMediaAddress,
                        List<InetAddress> advertisedAddresses, int conferences, int endpoints, Optional<String> problem) {
        this(mediaAddress, tcpMediaAddress, advertisedAddresses, conferences, endpoints, 0, problem);
    }

    /** A bridge that is not running, for its owner to report: nothing allocated, and why. */
    public static BridgeStatus notRunning(BridgeConfig config, String problem) {
        return new BridgeStatus(config.bindAddress(), config.tcp(), config.advertisedAddresses(), 0, 0,
                Optional.of(problem));
    }

    /** Whether the port is open and its receive loop runs. */
    public boolean running() {
        return problem.isEmpty();
    }
}
