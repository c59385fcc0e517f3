package org.consilium.application.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a flood of refusals into a readable audit trail: per key (a connection and a
 * reason), the first refusal is recorded at once, and those that follow within
 * {@link #WINDOW} are only counted, then recorded as one event with their count once the
 * window is over. So a connection that sends a thousand forbidden messages a second leaves
 * one event a minute, and no refusal goes uncounted. Bounded: past {@value #MAX_KEYS} keys
 * the oldest is recorded early and forgotten. Plain Java, thread-safe; the caller records.
 *
 * @param <K> what identifies a connection and reason
 * @param <D> what the first refusal of a key said (recorded with the count)
 */
final class RefusalCoalescer<K, D> {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_KEYS = 10_000;

    /** One event to record: {@code count} refusals of {@code key} (with what the first of them said). */
    record Due<K, D>(K key, D detail, int count) {
    }

    private static final class Window<D> {
        final D detail;
        Instant recorded;
        int pending;

        Window(D detail, Instant recorded) {
            this.detail = detail;
            this.recorded = recorded;
        }
    }

    private final Map<K, Window<D>> windows = new LinkedHashMap<>();

    /**
     * A refusal of {@code key} at {@code now}.
     *
     * @return what to record now: this refusal (count 1) when it is the first in a window,
     *         the window's count when a window just ended, the oldest key's count when the
     *         table overflows; usually nothing
     */
    synchronized List<Due<K, D>> refused(K key, D detail, Instant now) {
        List<Due<K, D>> due = new ArrayList<>();
        Window<D> window = windows.get(key);
        if (window == null) {
            if (windows.size() >= MAX_KEYS) {
                Iterator<Map.Entry<K, Window<D>>> oldest = windows.entrySet().iterator();
                Map.Entry<K, Window<D>> evicted = oldest.next();
                oldest.remove();
                if (evicted.getValue().pending > 0) {
                    due.add(new Due<>(evicted.getKey(), evicted.getValue().detail, evicted.getValue().pending));
                }
            }
            windows.put(key, new Window<>(detail, now));
            due.add(new Due<>(key, detail, 1));
            return due;
        }
        window.pending++;
        if (!now.isBefore(window.recorded.plus(WINDOW))) {
            due.add(new Due<>(key, window.detail, window.pending));
            window.pending = 0;
            window.recorded = now;
        }
        return due;
    }

    /** The windows that are over at {@code now}: their counts to record; quiet ones are forgotten. */
    synchronized List<Due<K, D>> over(Instant now) {
        List<Due<K, D>> due = new ArrayList<>();
        for (Iterator<Map.Entry<K, Window<D>>> all = windows.entrySet().iterator(); all.hasNext(); ) {
            Map.Entry<K, Window<D>> entry = all.next();
            Window<D> window = entry.getValue();
            if (now.isBefore(window.recorded.plus(WINDOW))) {
                continue;
            }
            if (window.pending > 0) {
                due.add(new Due<>(entry.getKey(), window.detail, window.pending));
            }
            all.remove();
        }
        return due;
    }

    /** Everything still counted for the keys {@code which} accepts (a connection that closed): to record now. */
    synchronized List<Due<K, D>> flush(java.util.function.Predicate<K> which) {
        List<Due<K, D>> due = new ArrayList<>();
        for (Iterator<Map.Entry<K, Window<D>>> all = windows.entrySet().iterator(); all.hasNext(); ) {
            Map.Entry<K, Window<D>> entry = all.next();
            if (which.test(entry.getKey())) {
                if (entry.getValue().pending > 0) {
                    due.add(new Due<>(entry.getKey(), entry.getValue().detail, entry.getValue().pending));
                }
                all.remove();
            }
        }
        return due;
    }
}
