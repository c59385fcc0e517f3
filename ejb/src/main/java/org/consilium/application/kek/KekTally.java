package org.consilium.application.kek;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Envelopes counted by the KEK version their data key is wrapped under, and how many of them
 * could not be rewrapped (an altered header, or one whose version is gone): those stay counted
 * under their old version, so that they keep that version from being destroyed.
 */
public record KekTally(SortedMap<Integer, Long> envelopes, long failed) {

    public KekTally {
        envelopes = Collections.unmodifiableSortedMap(new TreeMap<>(envelopes));
    }

    public static KekTally none() {
        return new KekTally(new TreeMap<>(), 0);
    }

    /** Envelopes under {@code version}. */
    public long under(int version) {
        return envelopes.getOrDefault(version, 0L);
    }

    /** This tally with one more envelope under {@code version}. */
    public KekTally plus(int version) {
        TreeMap<Integer, Long> more = new TreeMap<>(envelopes);
        more.merge(version, 1L, Long::sum);
        return new KekTally(more, failed);
    }

    /** This tally with one more envelope under {@code version} that could not be rewrapped. */
    public KekTally plusFailed(int version) {
        return new KekTally(plus(version).envelopes(), failed + 1);
    }

    public KekTally plus(KekTally other) {
        TreeMap<Integer, Long> sum = new TreeMap<>(envelopes);
        other.envelopes.forEach((version, count) -> sum.merge(version, count, Long::sum));
        return new KekTally(sum, failed + other.failed);
    }

    /** Envelopes under any version below {@code version}. */
    public long below(int version) {
        return envelopes.headMap(version).values().stream().mapToLong(Long::longValue).sum();
    }
}
