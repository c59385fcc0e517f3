package org.consilium.application.call;

import java.time.Duration;

/** Runs something later: a call's empty-room and maximum-length timers (tests drive them by hand). */
@FunctionalInterface
public interface CallTimers {

    /** Runs {@code task} after {@code delay}, on another thread, unless cancelled first. */
    Timer after(Duration delay, Runnable task);

    /** A pending task; cancelling one that has run or is running changes nothing. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
