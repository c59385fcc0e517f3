package org.consilium.application.call;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * One of a call's deadlines (the empty room's, the visit's maximum length): at most one timer
 * at a time, and a timer that fires after it was cancelled or replaced finds its number out of
 * date. Not thread-safe: the call uses it under its lock, and the task it gives checks
 * {@link #isCurrent} under that lock too, since the timer fires on another thread.
 */
final class CallDeadline {

    private final CallTimers timers;
    private CallTimers.Timer timer;
    private long number;

    CallDeadline(CallTimers timers) {
        this.timers = timers;
    }

    /** Replaces any timer of this deadline: {@code due} gets this one's number after {@code delay} (negative: at once). */
    void start(Duration delay, LongConsumer due) {
        cancel();
        long current = number;
        timer = timers.after(delay.isNegative() ? Duration.ZERO : delay, () -> due.accept(current));
    }

    void cancel() {
        number++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Whether the timer that gave {@code fired} is still this deadline's. */
    boolean isCurrent(long fired) {
        return fired == number;
    }
}
