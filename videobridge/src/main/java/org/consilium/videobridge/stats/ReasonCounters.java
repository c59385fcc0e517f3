package org.consilium.videobridge.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A count per reason (why packets were dropped): incremented from any thread, read rarely. */
public final class ReasonCounters<E extends Enum<E>> {

    private final Class<E> reasons;
    private final LongAdder[] counts;

    public ReasonCounters(Class<E> reasons) {
        this.reasons = reasons;
        this.counts = new LongAdder[reasons.getEnumConstants().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void add(E reason, long count) {
        counts[reason.ordinal()].add(count);
    }

    public long get(E reason) {
        return counts[reason.ordinal()].sum();
    }

    public long total() {
        long total = 0;
        for (LongAdder count : counts) {
            total += count.sum();
        }
        return total;
    }

    /** Every reason, in declaration order, with its count (zeros included). */
    public Map<E, Long> snapshot() {
        Map<E, Long> snapshot = new EnumMap<>(reasons);
        for (E reason : reasons.getEnumConstants()) {
            snapshot.put(reason, counts[reason.ordinal()].sum());
        }
        return snapshot;
    }
}
