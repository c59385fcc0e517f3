package org.consilium.videobridge.conference;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SSRCs under which receivers get a simulcast source: the bridge's own, chosen once per
 * media section and kept across renegotiations (a receiver's slot, track and SRTP context
 * stay with them), with an RTX SSRC for repairs; and, for layers learnt from RIDs, one per
 * layer under which it crosses a relay to another bridge (kept alike while the layers do).
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
            MediaSource placed = before != null ? source.withSsrcs(before.ssrc(), before.rtxSsrc())
                    : source.withSsrcs(nonZero(), nonZero());
            assigned.add(withRelaySsrcs(placed, before));
        }
        return assigned;
    }

    /** Layers declared by SSRC relay under their own; learnt ones under the bridge's, the same as before if they stay. */
    private static MediaSource withRelaySsrcs(MediaSource source, MediaSource before) {
        MediaSource.Simulcast layers = source.simulcast();
        if (layers.relaysEveryLayer()) {
            return source;
        }
        List<Integer> relay = before != null && before.simulcast().relaySsrcs().size() == layers.rids().size()
                && before.simulcast().ssrcs().isEmpty() ? before.simulcast().relaySsrcs() : null;
        if (relay == null) {
            relay = new ArrayList<>();
            for (int i = 0; i < layers.rids().size(); i++) {
                relay.add(nonZero());
            }
        }
        return new MediaSource(source.kind(), source.ssrc(), source.rtxSsrc(), source.streamId(), source.trackId(),
                layers.relayedUnder(relay));
    }

    private static int nonZero() {
        int ssrc;
        do {
            ssrc = RANDOM.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }
}
