package org.consilium.videobridge.conference;

import org.consilium.videobridge.rtp.SsrcMap;

/**
 * Who receives each source: a cache the receive threads fill on first use and any change
 * of membership, sources or placement empties. A lookup takes no lock.
 *
 * <p>Why a generation and not the table's identity: a route is computed from the
 * receivers' placements outside any lock, so one computed just before a change is stale
 * and must not be kept. Comparing the table it was read from with the current one is not
 * enough, because an emptied table is the one shared empty map again: a stale route
 * computed from the empty table was published into the new empty one, and a participant
 * who had just been given a slot never got that publisher's audio (found as a rare CI
 * failure: video flowing, audio not, until someone else renegotiated).
 */
final class ReceiverRoutes {

    private volatile SsrcMap<Endpoint[]> bySsrc = SsrcMap.empty();
    /** Bumped by every change; a route is kept only if none happened while it was computed. */
    private volatile long generation;

    /** The receivers of {@code ssrc}, or null when not known yet (compute, then {@link #publish}). */
    Endpoint[] get(int ssrc) {
        return bySsrc.get(ssrc);
    }

    /** Read before computing a route, and hand it to {@link #publish}. */
    long generation() {
        return generation;
    }

    /** Keeps a route computed since {@code computedIn}, unless a change came in between. */
    synchronized void publish(long computedIn, int ssrc, Endpoint[] receivers) {
        if (generation == computedIn) {
            bySsrc = bySsrc.with(ssrc, receivers);
        }
    }

    /** Someone joined, left, or now receives other sources. */
    synchronized void invalidate() {
        generation++;
        bySsrc = SsrcMap.empty();
    }
}
