package org.consilium.videobridge.simulcast;

/**
 * What one received layer carries: its bitrate over the last second (in ten buckets, so a
 * layer that stops reads zero within a second), when its last packet came, and the height
 * its last keyframe declared. Written by the receive thread per packet; read by the
 * allocator on the same thread's tick.
 */
public final class LayerMeter {

    private static final long BUCKET_NANOS = 100_000_000L;
    private static final int BUCKETS = 10;

    private final long[] bytes = new long[BUCKETS];
    private long bucketStart = Long.MIN_VALUE;
    private int bucket;
    private long lastPacketNanos = Long.MIN_VALUE;
    private int height;

    public void add(int length, long nowNanos) {
        advance(nowNanos);
        bytes[bucket] += length;
        lastPacketNanos = nowNanos;
    }

    /** Bits per second over the last second. */
    public long bitrateBps(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum * 8;
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
            bytes[bucket] = 0;
        }
        bucketStart += steps * BUCKET_NANOS;
    }
}
