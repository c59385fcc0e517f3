package org.consilium.videobridge.conference;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SSRCs under which receivers get a simulcast source: the bridge's own, chosen once per
 * media section and kept across renegotiations (a receiver's slot, track and SRTP context
 * stay with them), with an RTX SSRC for repairs.
 */
final class SimulcastSsrcs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SimulcastSsrcs() {
    }

    /** The offered sources, simulcast ones under the SSRCs they had before (same mid) or new ones. */
    static List<MediaSource> assign(List<MediaSource> offered, Collection<MediaSource> previous) {
        List<MediaSource> assigned = new ArrayList<>(offered.size());
        for (MediaSource source : offered) {
            if (!source.isSimulcast()) {
                assigned.add(source);
                continue;
            }
            MediaSource before = previous.stream()
                    .filter(p -> p.isSimulcast() && p.simulcast().mid().equals(source.simulcast().mid()))
                    .findFirst().orElse(null);
            assigned.add(before != null ? source.withSsrcs(before.ssrc(), before.rtxSsrc())
                    : source.withSsrcs(nonZero(), nonZero()));
        }
        return assigned;
    }

    private static int nonZero() {
        int ssrc;
        do {
            ssrc = RANDOM.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }
}
