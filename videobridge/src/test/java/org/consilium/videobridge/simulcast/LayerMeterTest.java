package org.consilium.videobridge.simulcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A layer's bitrate and frame rate per temporal layer, as the allocator reads them for a receiver's frame rate. */
class LayerMeterTest {

    private static final long MS = 1_000_000L;
    private static final int[] PATTERN = {0, 2, 1, 2};

    /** One second of libwebrtc's VP8 at 30 frames/s: layer 0 frames twice the size of the others. */
    private static long secondOfFrames(LayerMeter meter, long start, boolean temporalLayers) {
        long now = start;
        for (int frame = 0; frame < 30; frame++) {
            int temporal = temporalLayers ? PATTERN[frame % 4] : -1;
            int size = temporal == 0 ? 1000 : 500;
            meter.add(size - 200, temporal, true, now);
            meter.add(200, temporal, false, now);
            now += 33 * MS;
        }
        return now;
    }

    @Test
    void aFrameRateCapPicksTheTemporalLayersThatFitAndTheirBitrate() {
        LayerMeter meter = new LayerMeter();
        long now = secondOfFrames(meter, 0, true);
        now = secondOfFrames(meter, now, true);
        assertEquals(0, meter.temporalFor(7.5, now), "7.5 frames/s: the base layer");
        assertEquals(0, meter.temporalFor(10, now));
        assertEquals(1, meter.temporalFor(15, now), "15 frames/s: layers 0 and 1");
        assertEquals(LayerMeter.ALL_TEMPORAL, meter.temporalFor(30, now));
        // layer 0 is a quarter of the frames at twice the size: about 40%, with layer 1 60% (libwebrtc's split)
        long base = meter.bitrateBps(0, now);
        long upToOne = meter.bitrateBps(1, now);
        long all = meter.bitrateBps(now);
        assertEquals(all, meter.bitrateBps(LayerMeter.ALL_TEMPORAL, now));
        assertEquals(0.40, base / (double) all, 0.05);
        assertEquals(0.60, upToOne / (double) all, 0.05);
    }

    @Test
    void keyframesThatRestartThePatternDoNotMoveTheChoice() {
        LayerMeter meter = new LayerMeter();
        long now = 0;
        for (int frame = 0; frame < 60; frame++) {
            // a keyframe every 6 frames restarts 0, 2, 1, 2: 10 base frames a second instead of 7.5
            int temporal = PATTERN[frame % 6 % 4];
            meter.add(500, temporal, true, now);
            now += 33 * MS;
        }
        assertEquals(1, meter.temporalFor(15, now), "still the 15 frames/s of layers 0 and 1");
        assertEquals(0, meter.temporalFor(8, now));
    }

    @Test
    void aStreamWithoutTemporalLayersIsTakenWhole() {
        LayerMeter meter = new LayerMeter();
        long now = secondOfFrames(meter, 0, false);
        now = secondOfFrames(meter, now, false);
        assertEquals(0, meter.temporalFor(15, now), "one layer: nothing to leave out (0 is all of it)");
        assertEquals(meter.bitrateBps(now), meter.bitrateBps(0, now));
    }

    @Test
    void beforeAnyFrameEveryLayerCounts() {
        assertEquals(LayerMeter.ALL_TEMPORAL, new LayerMeter().temporalFor(15, 0));
    }
}
