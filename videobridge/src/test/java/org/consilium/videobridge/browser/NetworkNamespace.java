package org.consilium.videobridge.browser;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** The address of the private network namespace src/test/netns/bin/java makes for a test JVM. */
final class NetworkNamespace {

    static final String INTERFACE = "consilium0";

    private NetworkNamespace() {
    }

    /** 10.213.0.1 when running inside the namespace; skips (or fails, under ./consilium test) elsewhere. */
    static InetAddress address() throws SocketException {
        NetworkInterface veth = NetworkInterface.getByName(INTERFACE);
        Prerequisite.require(veth != null, "not inside the test network namespace (surefire execution in-network-namespace)");
        return veth.inetAddresses().filter(a -> a.getAddress().length == 4).findFirst()
                .orElseThrow(() -> new IllegalStateException(INTERFACE + " has no IPv4 address"));
    }
}
