package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.stats.ReasonCounters;
import org.junit.jupiter.api.Test;

/** The probe sender on its own: what it repeats, how much, and when not. */
class BandwidthProbingTest {

    private static final long TICK = 10_000_000;
    private final ReceiverBandwidth bandwidth = new ReceiverBandwidth(
            new EndpointDrops(new ReasonCounters<>(EndpointDropReason.class)), () -> { });
    private final List<Integer> repeated = new ArrayList<>();
    private int repeatBytes = 1_000;
    private int paddingBytes = 0;
    private int paddings;
    private final BandwidthProbing probing = new BandwidthProbing(bandwidth, (publisher, source, sequence, now) -> {
        repeated.add(sequence);
        return repeatBytes;
    }, now -> {
        paddings++;
        return paddingBytes;
    });

    @Test
    void nothingIsRepeatedUntilMoreThanTheEstimateIsDesired() {
        remember(1, 2, 3);
        long sent = 0;
        for (long now = TICK; now < 100 * TICK; now += TICK) {
            sent += 3_000; // 2.4 Mbit/s of media, more than the start estimate: still nothing desired
            assertEquals(0, probing.tick(now, sent));
        }
        probing.desire(200_000); // less than the estimate
        assertEquals(0, probing.tick(100 * TICK, sent));
        assertTrue(repeated.isEmpty());
    }

    @Test
    void repeatsTheNewestPacketsForThePaddingTheEstimatorAsksFor() {
        remember(1, 2, 3);
        probing.desire(5_000_000);
        long sent = 0;
        long probes = 0;
        for (long now = TICK; now <= 6 * TICK; now += TICK) {
            sent += 125; // 100 kbit/s of media
            int bytes = probing.tick(now, sent + probes);
            probes += bytes;
        }
        // the first probe asks 3 x 300 kbit/s: about 800 kbit/s on top of the media for 50 ms
        assertTrue(probes >= 4_000 && probes <= 6_000, "probe bytes " + probes);
        assertEquals(List.of(3, 2, 1, 3, 2), repeated.subList(0, 5), "newest first, then round again");
    }

    @Test
    void packetsNoLongerCachedEndTheTickInsteadOfSpinning() {
        remember(1, 2);
        repeatBytes = 0;
        probing.desire(5_000_000);
        probing.tick(TICK, 0);
        assertEquals(0, probing.tick(2 * TICK, 125));
        assertTrue(repeated.size() <= 64, "bounded tries: " + repeated.size());
    }

    @Test
    void withNothingRecentToRepeatItPadsForTheProbe() {
        remember(1, 2);
        repeatBytes = 0; // video paused a while: the cache no longer has them
        paddingBytes = 275;
        probing.desire(5_000_000);
        long sent = 0;
        long probes = 0;
        for (long now = TICK; now <= 6 * TICK; now += TICK) {
            sent += 60; // audio only
            probes += probing.tick(now, sent + probes);
        }
        assertTrue(probes >= 4_000 && probes <= 6_500, "padding bytes " + probes);
        assertTrue(paddings >= 15, "padding packets " + paddings);
    }

    @Test
    void noRtxToPadOnEndsTheTickInsteadOfSpinning() {
        repeatBytes = 0;
        paddingBytes = 0;
        probing.desire(5_000_000);
        probing.tick(TICK, 0);
        assertEquals(0, probing.tick(2 * TICK, 125));
        assertTrue(paddings <= 1, "one try a tick: " + paddings);
    }

    private void remember(int... sequences) {
        for (int sequence : sequences) {
            probing.forwarded(null, null, sequence);
        }
    }
}
