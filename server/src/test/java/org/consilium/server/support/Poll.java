package org.consilium.server.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition by asking again until a deadline: never a fixed sleep. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /**
     * Calls {@code probe} until its answer satisfies {@code done}, and returns that answer.
     * Exceptions from the probe count as "not yet". Fails with the last answer after the deadline.
     */
    public static <T> T until(Duration deadline, Callable<T> probe, Predicate<T> done, String what)
            throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        T last = null;
        Exception lastFailure = null;
        while (true) {
            try {
                last = probe.call();
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception notYet) {
                lastFailure = notYet;
            }
            if (Instant.now().isAfter(end)) {
                AssertionError timeout = new AssertionError("Timed out after " + deadline + " waiting for " + what
                        + "; last answer: " + last);
                if (lastFailure != null) {
                    timeout.addSuppressed(lastFailure);
                }
                throw timeout;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
