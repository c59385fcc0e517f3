package org.consilium.recording.rtp;

/**
 * Extends a counter that wraps at {@code 2^bits} (RTP's 16-bit sequence number, 32-bit
 * timestamp) to a long: each value is taken as the one nearest to the highest seen so far,
 * so a late packet from before a wrap stays below it and one after the wrap goes above.
 */
public final class WrappingCounter {

    private final long modulus;
    private boolean started;
    private long highest;

    public WrappingCounter(int bits) {
        this.modulus = 1L << bits;
    }

    /** The extended value, and the highest seen moves forward if this one is newer. */
    public long extend(long value) {
        long extended = nearest(value);
        if (!started || extended > highest) {
            highest = extended;
            started = true;
        }
        return extended;
    }

    /** The extended value without moving the highest (an RTCP report's timestamp). */
    public long nearest(long value) {
        long wrapped = value & (modulus - 1);
        if (!started) {
            return wrapped;
        }
        long delta = (wrapped - highest) & (modulus - 1);
        if (delta >= modulus / 2) {
            delta -= modulus;
        }
        return highest + delta;
    }

    public void reset() {
        started = false;
        highest = 0;
    }
}
