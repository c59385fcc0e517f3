package org.consilium.videobridge.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * SSRC → value, without boxing: a {@code Map<Integer, V>} allocates an Integer for every
 * lookup of a random 32-bit SSRC, and lookups happen per packet. Open addressing, linear
 * probing, at most half full.
 *
 * <p>Thread rule: a map is filled, then published (a volatile field) and never changed
 * again; a writer makes a changed copy ({@link #with}, {@link #retaining}) and publishes that.
 * Readers on the packet path just {@link #get}.
 */
public final class SsrcMap<V> {

    private static final SsrcMap<?> EMPTY = new SsrcMap<>(2);

    private final int[] keys;
    private final Object[] values;
    private final boolean[] used;
    private final int mask;
    private int size;

    private SsrcMap(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
        keys = new int[slots];
        values = new Object[slots];
        used = new boolean[slots];
        mask = slots - 1;
    }

    @SuppressWarnings("unchecked")
    public static <V> SsrcMap<V> empty() {
        return (SsrcMap<V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    public V get(int ssrc) {
        for (int slot = slot(ssrc); used[slot]; slot = (slot + 1) & mask) {
            if (keys[slot] == ssrc) {
                return (V) values[slot];
            }
        }
        return null;
    }

    public boolean containsKey(int ssrc) {
        return get(ssrc) != null;
    }

    public int size() {
        return size;
    }

    /** A copy with {@code ssrc} mapped to {@code value} (null values are not kept). */
    public SsrcMap<V> with(int ssrc, V value) {
        SsrcMap<V> copy = new SsrcMap<>(size + 1);
        forEach(copy::put);
        if (value != null) {
            copy.put(ssrc, value);
        }
        return copy;
    }

    /** A copy with only the SSRCs {@code keep} accepts. */
    public SsrcMap<V> retaining(IntPredicate keep) {
        SsrcMap<V> copy = new SsrcMap<>(size);
        forEach((ssrc, value) -> {
            if (keep.test(ssrc)) {
                copy.put(ssrc, value);
            }
        });
        return copy;
    }

    public List<V> values() {
        List<V> all = new ArrayList<>(size);
        forEach((ssrc, value) -> all.add(value));
        return all;
    }

    /** Sees each entry. */
    @FunctionalInterface
    public interface Entry<V> {
        void accept(int ssrc, V value);
    }

    @SuppressWarnings("unchecked")
    public void forEach(Entry<V> entry) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (used[slot]) {
                entry.accept(keys[slot], (V) values[slot]);
            }
        }
    }

    /** Builds a map from entries (last one wins for a repeated SSRC). */
    public static <V> SsrcMap<V> of(List<V> items, java.util.function.ToIntFunction<V> ssrcOf) {
        SsrcMap<V> map = new SsrcMap<>(items.size());
        for (V item : items) {
            map.put(ssrcOf.applyAsInt(item), item);
        }
        return map;
    }

    /** Only while building, before the map is published. */
    private void put(int ssrc, V value) {
        int slot = slot(ssrc);
        while (used[slot] && keys[slot] != ssrc) {
            slot = (slot + 1) & mask;
        }
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = ssrc;
            size++;
        }
        values[slot] = value;
    }

    private int slot(int ssrc) {
        return (ssrc * 0x9E3779B9 >>> 16 ^ ssrc * 0x9E3779B9) & mask;
    }
}
