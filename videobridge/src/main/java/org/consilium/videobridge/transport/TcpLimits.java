package org.consilium.videobridge.transport;

import java.time.Duration;

/**
 * What the TCP media port lets one peer, and everyone together, hold. A connection costs a
 * socket and two small buffers until it is closed; one that has not passed a connectivity
 * check by {@code checkDeadline} is closed, so connections nobody can authenticate are
 * never held longer than that, however slowly they trickle bytes.
 *
 * @param maxConnections       open connections in all (checked or not); more are closed on accept
 * @param maxPerSourceAddress  open connections from one IP address (a browser opens one per
 *                             local interface and bridge candidate; a NAT shares an address)
 * @param checkDeadline        time from accept to the first answered connectivity check
 */
public record TcpLimits(int maxConnections, int maxPerSourceAddress, Duration checkDeadline) {

    public static final TcpLimits DEFAULT = new TcpLimits(256, 16, Duration.ofSeconds(5));

    public TcpLimits {
        if (maxConnections < 1 || maxPerSourceAddress < 1 || maxPerSourceAddress > maxConnections) {
            throw new IllegalArgumentException("TCP connection limits must be at least 1, and the limit per source "
                    + "address at most the total: " + maxConnections + ", " + maxPerSourceAddress);
        }
        if (checkDeadline == null || checkDeadline.isNegative() || checkDeadline.isZero()) {
            throw new IllegalArgumentException("the deadline for a connectivity check must be positive");
        }
    }
}
