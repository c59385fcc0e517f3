package org.consilium.videobridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by asking again until a deadline: never a fixed sleep. */
public final class Eventually {

    private Eventually() {
    }

    public static void until(Duration deadline, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline + " waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** As {@link #until}, with a message computed only on failure (say, the figures that were seen). */
    public static void within(Duration deadline, BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline + ": " + failure.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }
}
