package org.consilium.videobridge.simulcast;

/**
 * What one received layer carries: its bitrate and frame rate over the last second, per
 * temporal layer (in ten buckets, so a layer that stops reads zero within a second), when
 * its last packet came, and the height its last keyframe declared. Written by the receive
 * thread per packet; read by the allocator on the same thread's tick.
 *
 * <p>Per temporal layer because a receiver may get a layer at a lower frame rate (tiles at
 * 15 frames/s: the temporal layers up to 1), and then costs only those layers' bits.
 */
public final class LayerMeter {

    /** Temporal layers told apart (VP8's TID has two bits); a packet without one counts as 0. */
    public static final int TEMPORAL_LAYERS = 4;
    /** Every temporal layer: the whole stream. */
    public static final int ALL_TEMPORAL = TEMPORAL_LAYERS - 1;
    private static final long BUCKET_NANOS = 100_000_000L;
    private static final int BUCKETS = 10;

    private final long[][] bytes = new long[TEMPORAL_LAYERS][BUCKETS];
    private final int[][] frames = new int[TEMPORAL_LAYERS][BUCKETS];
    private long bucketStart = Long.MIN_VALUE;
    private int bucket;
    private long lastPacketNanos = Long.MIN_VALUE;
    private int height;

    /** A packet of no known temporal layer. */
    public void add(int length, long nowNanos) {
        add(length, 0, false, nowNanos);
    }

    /**
     * @param temporal the packet's temporal layer, or negative when it has none (counted as 0)
     * @param frameStart whether it is the first packet of a frame (frames are counted on those)
     */
    public void add(int length, int temporal, boolean frameStart, long nowNanos) {
        advance(nowNanos);
        int layer = temporal < 0 ? 0 : Math.min(temporal, ALL_TEMPORAL);
        bytes[layer][bucket] += length;
        if (frameStart) {
            frames[layer][bucket]++;
        }
        lastPacketNanos = nowNanos;
    }

    /** Bits per second over the last second. */
    public long bitrateBps(long nowNanos) {
        return bitrateBps(ALL_TEMPORAL, nowNanos);
    }

    /** Bits per second over the last second of the temporal layers up to {@code maxTemporal}. */
    public long bitrateBps(int maxTemporal, long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (int layer = 0; layer <= Math.min(maxTemporal, ALL_TEMPORAL); layer++) {
            for (long b : bytes[layer]) {
                sum += b;
            }
        }
        return sum * 8;
    }

    /**
     * The highest temporal layer whose frame rate (with the layers below it) is at most
     * {@code maxFrameRate}, but at least 0; {@link #ALL_TEMPORAL} when every layer fits.
     * From the stream's structure, not from counting each layer's frames: with N temporal
     * layers, each one below the top halves the frame rate (libwebrtc's VP8 at 30 frames/s
     * in three: 7.5, 15, 30). Counting would wobble (a keyframe restarts the pattern, so a
     * second may hold more base frames), and each wobble upwards would cost the publisher a
     * keyframe. A stream without temporal layers has only layer 0.
     */
    public int temporalFor(double maxFrameRate, long nowNanos) {
        advance(nowNanos);
        int top = -1;
        int total = 0;
        for (int layer = 0; layer < TEMPORAL_LAYERS; layer++) {
            int layerFrames = 0;
            for (int f : frames[layer]) {
                layerFrames += f;
            }
            if (layerFrames > 0) {
                top = layer;
            }
            total += layerFrames;
        }
        if (top <= 0) {
            return top < 0 ? ALL_TEMPORAL : 0; // nothing measured yet: everything; one layer: all of it
        }
        // a tenth over, so that a 15.4 frames/s measurement still counts as 15
        double allowed = maxFrameRate * 1.1;
        if (total <= allowed) {
            return ALL_TEMPORAL;
        }
        for (int layer = top - 1; layer > 0; layer--) {
            if (total / (double) (1 << (top - layer)) <= allowed) {
                return layer;
            }
        }
        return 0;
    }

    /** Whether a packet came in the last {@code withinNanos}. */
    public boolean active(long nowNanos, long withinNanos) {
        return lastPacketNanos != Long.MIN_VALUE && nowNanos - lastPacketNanos <= withinNanos;
    }

    public void height(int keyframeHeight) {
        if (keyframeHeight > 0) {
            height = keyframeHeight;
        }
    }

    /** The height of the last keyframe seen, 0 before the first. */
    public int height() {
        return height;
    }

    private void advance(long nowNanos) {
        if (bucketStart == Long.MIN_VALUE) {
            bucketStart = nowNanos;
            return;
        }
        if (nowNanos - bucketStart < BUCKET_NANOS) {
            return; // most packets: still in the current bucket
        }
        long steps = (nowNanos - bucketStart) / BUCKET_NANOS;
        for (long i = 0; i < Math.min(steps, BUCKETS); i++) {
            bucket = (bucket + 1) % BUCKETS;
            for (int layer = 0; layer < TEMPORAL_LAYERS; layer++) {
                bytes[layer][bucket] = 0;
                frames[layer][bucket] = 0;
            }
        }
        bucketStart += steps * BUCKET_NANOS;
    }
}
