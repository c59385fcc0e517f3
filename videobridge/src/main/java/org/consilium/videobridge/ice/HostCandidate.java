package org.consilium.videobridge.ice;

import java.net.InetSocketAddress;

/** A host candidate of the bridge's one UDP port, as it appears in SDP (RFC 8839 §5.1). */
public record HostCandidate(String foundation, InetSocketAddress address) {

    /** Type preference 126 (host), local preference 65535, component 1 (RFC 8445 §5.1.2.1). */
    public static final long PRIORITY = (126L << 24) | (65535L << 8) | (256 - 1);

    public String toSdpAttribute() {
        return "candidate:" + foundation + " 1 udp " + PRIORITY + " "
                + address.getAddress().getHostAddress() + " " + address.getPort() + " typ host generation 0";
    }
}
