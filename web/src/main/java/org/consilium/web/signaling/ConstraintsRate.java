package org.consilium.web.signaling;

import java.util.concurrent.TimeUnit;
import org.consilium.application.call.CallRefused;

/**
 * How often one connection may say what it shows ({@code receiver-constraints}): the web
 * client sends at most {@value #PER_SECOND} a second, debounced, each one the whole current
 * state; the server takes bursts of {@value #BURST} (timers and the network bunch them) and
 * refuses the rest with {@code rate-limited}, so one browser cannot keep its receivers'
 * allocation recomputing. On top of the connection's overall rate ({@link MessageRate}).
 * Plain Java; one connection's messages come one at a time.
 */
final class ConstraintsRate {

    static final int PER_SECOND = 4;
    static final int BURST = 8;
    private static final double PER_NANO = PER_SECOND / (double) TimeUnit.SECONDS.toNanos(1);

    private double tokens = BURST;
    private long refilled = Long.MIN_VALUE;

    /** @throws CallRefused {@code rate-limited}: this message was dropped; the sender keeps the constraints before it */
    void arrived(long now) {
        if (refilled != Long.MIN_VALUE && now > refilled) {
            tokens = Math.min(BURST, tokens + (now - refilled) * PER_NANO);
        }
        refilled = now;
        if (tokens < 1) {
            throw new CallRefused(Inbound.RATE_LIMITED, "receiver-constraints at most " + PER_SECOND
                    + " a second (bursts of " + BURST + "): this one was dropped; send the latest again in a moment");
        }
        tokens -= 1;
    }
}
