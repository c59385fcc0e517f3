package org.consilium.application.call;

import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * News that changes faster than a browser needs it (what the bridge forwards, which layers a
 * publisher should send): per key, only the latest message goes out, at most once per
 * {@code interval}, and only when it differs from the last one sent in what
 * {@code sameness} picks out of it. The first change after a quiet interval goes at once; later
 * ones wait for the interval's end, when the latest of them goes (if it still differs).
 * Thread-safe: the bridge reports from its own threads. Messages are sent outside this
 * object's lock, so it is held by nobody who waits for anything (a send that overflows the
 * browser's queue closes the connection, and a close may run the leave at once, which takes the
 * call's lock); two sends for one key are an interval apart, so they do not overtake each other.
 */
final class LatestOnly<K> {

    private final Duration interval;
    private final Clock clock;
    private final CallTimers timers;
    private final Function<JsonObject, Object> sameness;
    private final Map<K, Slot> slots = new HashMap<>();

    LatestOnly(Duration interval, Clock clock, CallTimers timers, Function<JsonObject, Object> sameness) {
        this.interval = interval;
        this.clock = clock;
        this.timers = timers;
        this.sameness = sameness;
    }

    /** The latest news for {@code key}, to go to {@code to} (which never blocks) now or at the interval's end. */
    void offer(K key, JsonObject message, Consumer<JsonObject> to) {
        synchronized (this) {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            slot.to = to;
            if (Objects.equals(sameness.apply(message), slot.sentSameness)) {
                slot.pending = null; // back to what the browser has: nothing to say
                return;
            }
            Instant now = clock.instant();
            if (slot.timer != null || (slot.sentAt != null && now.isBefore(slot.sentAt.plus(interval)))) {
                slot.pending = message;
                if (slot.timer == null) {
                    Duration wait = Duration.between(now, slot.sentAt.plus(interval));
                    slot.timer = timers.after(wait.isNegative() ? Duration.ZERO : wait, () -> due(key, slot));
                }
                return;
            }
            sent(slot, message, now);
        }
        to.accept(message);
    }

    /** Nobody to tell any more (they left): what was pending is dropped. */
    synchronized void forget(K key) {
        Slot slot = slots.remove(key);
        if (slot != null && slot.timer != null) {
            slot.timer.cancel();
        }
    }

    /** Forgets every key {@code keep} says no to. */
    synchronized void retain(java.util.function.Predicate<K> keep) {
        for (K key : java.util.List.copyOf(slots.keySet())) {
            if (!keep.test(key)) {
                forget(key);
            }
        }
    }

    private void due(K key, Slot slot) {
        JsonObject pending;
        Consumer<JsonObject> to;
        synchronized (this) {
            if (slots.get(key) != slot) {
                return; // forgotten meanwhile
            }
            slot.timer = null;
            pending = slot.pending;
            slot.pending = null;
            if (pending == null || Objects.equals(sameness.apply(pending), slot.sentSameness)) {
                return;
            }
            sent(slot, pending, clock.instant());
            to = slot.to;
        }
        to.accept(pending);
    }

    private void sent(Slot slot, JsonObject message, Instant now) {
        slot.sentSameness = sameness.apply(message);
        slot.sentAt = now;
    }

    private static final class Slot {
        Object sentSameness;
        Instant sentAt;
        JsonObject pending;
        CallTimers.Timer timer;
        Consumer<JsonObject> to;
    }
}
