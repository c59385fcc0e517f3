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
}
