package org.consilium.videobridge.ice;

import java.net.InetSocketAddress;

/**
 * A host candidate of the bridge, as it appears in SDP (RFC 8839 §5.1): the one UDP port,
 * or the TCP media port as a passive candidate (RFC 6544 §4.5: the browser connects).
 */
public record HostCandidate(String foundation, InetSocketAddress address, Transport transport) {

    /** How the browser reaches the candidate. */
    public enum Transport { UDP, TCP_PASSIVE }

    /** Type preference 126 (host), local preference 65535, component 1 (RFC 8445 §5.1.2.1). */
    public static final long PRIORITY = (126L << 24) | (65535L << 8) | (256 - 1);
    /**
     * Below every UDP host candidate, so a browser that can use UDP does: type preference 90
     * (a host TCP candidate, as libwebrtc ranks it: RFC 6544 §4.2 wants TCP under UDP of the
     * same type), local preference 2^13 · direction-pref 4 (passive host) + other-pref 8191.
     */
    public static final long TCP_PASSIVE_PRIORITY = (90L << 24) | (((4L << 13) + 8191) << 8) | (256 - 1);

    public HostCandidate {
        if (transport == null) {
            throw new IllegalArgumentException("a candidate needs its transport");
        }
    }

    /** A UDP host candidate. */
    public HostCandidate(String foundation, InetSocketAddress address) {
        this(foundation, address, Transport.UDP);
    }

    public long priority() {
        return transport == Transport.UDP ? PRIORITY : TCP_PASSIVE_PRIORITY;
    }

    public String toSdpAttribute() {
        String where = address.getAddress().getHostAddress() + " " + address.getPort() + " typ host";
        return switch (transport) {
            case UDP -> "candidate:" + foundation + " 1 udp " + PRIORITY + " " + where + " generation 0";
            // port 9 would mean an active candidate (RFC 6544 §4.5); a passive one gives its real port
            case TCP_PASSIVE -> "candidate:" + foundation + " 1 tcp " + TCP_PASSIVE_PRIORITY + " " + where
                    + " tcptype passive generation 0";
        };
    }
}
