package org.consilium.recording.timing;

/**
 * The offset from one sender's NTP clock (its RTCP sender reports) to the bridge's clock,
 * fixed by the first report of any of its tracks. Fixed once: later reports then move each
 * track on the sender's clock, so audio and video stay lined up even as the two clocks drift.
 */
public final class SenderClock {

    private boolean known;
    private long offsetNanos;

    boolean known() {
        return known;
    }

    long offsetNanos() {
        return offsetNanos;
    }

    void fix(long offsetNanos) {
        if (!known) {
            this.offsetNanos = offsetNanos;
            known = true;
        }
    }

    /** RFC 3550 §4: 32.32 fixed-point seconds since 1900, as nanoseconds. */
    public static long ntpToNanos(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFFFFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }
}
