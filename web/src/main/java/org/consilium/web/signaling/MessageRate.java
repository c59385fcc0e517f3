package org.consilium.web.signaling;

import java.util.concurrent.TimeUnit;

/**
 * How fast one connection may send (docs/signaling.md, "Rate limits"): two token buckets,
 * messages and characters, each with a burst and a steady refill. The web client never
 * comes near them: it sends one offer at a time and waits for the answer (no trickled ICE),
 * and otherwise only what a person clicks or types. A message over the budget is dropped;
 * the first of a run of drops is said ({@link Verdict#REFUSE_AND_SAY}), the others are
 * dropped silently (answering each would flood the sender's own queue), and a sender that
 * goes on dropping past {@value #FLOOD_DROPS} messages without a quiet second is a flood:
 * {@link Verdict#CLOSE}. Plain Java; the caller serialises calls (one connection's messages
 * arrive in order, on one thread at a time).
 */
final class MessageRate {

    static final int BURST_MESSAGES = 100;
    static final int MESSAGES_PER_SECOND = 50;
    static final int BURST_CHARS = 1024 * 1024;
    static final int CHARS_PER_SECOND = 512 * 1024;
    /** Dropped messages in one run (no second without a drop) that make a flood. */
    static final int FLOOD_DROPS = 200;

    enum Verdict {
        /** Within the budget: handle it. */
        ACCEPT,
        /** Over the budget, the first of a run: drop it, and tell the sender to slow down. */
        REFUSE_AND_SAY,
        /** Over the budget again: drop it, say nothing more. */
        REFUSE,
        /** A persistent flood: close the connection. */
        CLOSE
    }

    private final Bucket messages = new Bucket(BURST_MESSAGES, MESSAGES_PER_SECOND);
    private final Bucket chars = new Bucket(BURST_CHARS, CHARS_PER_SECOND);
    private int dropsInRun;
    private long lastDrop;
    private boolean closed;

    /** Whether a message of {@code length} characters, arriving at {@code now} ({@link System#nanoTime()}), may go on. */
    Verdict arrived(int length, long now) {
        if (closed) {
            return Verdict.CLOSE;
        }
        messages.refill(now);
        chars.refill(now);
        if (messages.has(1) && chars.has(length)) {
            messages.take(1);
            chars.take(length);
            return Verdict.ACCEPT;
        }
        boolean newRun = dropsInRun == 0 || now - lastDrop > TimeUnit.SECONDS.toNanos(1);
        dropsInRun = newRun ? 1 : dropsInRun + 1;
        lastDrop = now;
        if (dropsInRun > FLOOD_DROPS) {
            closed = true;
            return Verdict.CLOSE;
        }
        return newRun ? Verdict.REFUSE_AND_SAY : Verdict.REFUSE;
    }

    /** A budget that refills continuously up to its burst. */
    private static final class Bucket {
        private final double burst;
        private final double perNano;
        private double tokens;
        private long refilled = Long.MIN_VALUE;

        Bucket(int burst, int perSecond) {
            this.burst = burst;
            this.perNano = perSecond / 1e9;
            this.tokens = burst;
        }

        void refill(long now) {
            if (refilled != Long.MIN_VALUE && now > refilled) {
                tokens = Math.min(burst, tokens + (now - refilled) * perNano);
            }
            refilled = now;
        }

        boolean has(double amount) {
            // A message larger than the whole burst would never pass: it may take the bucket down to empty.
            return tokens >= Math.min(amount, burst);
        }

        void take(double amount) {
            tokens = Math.max(0, tokens - amount);
        }
    }
}
