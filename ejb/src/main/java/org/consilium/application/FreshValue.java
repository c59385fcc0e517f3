package org.consilium.application;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read from the database at most once per {@code fresh} on this node (settings that
 * every request consults: room policies, appliance settings). A change made on this node
 * calls {@link #forget()} once committed; other nodes see it within {@code fresh}.
 */
public final class FreshValue<T> {

    private record Read<T>(T value, long atNanos) {
    }

    private final Duration fresh;
    private final Supplier<T> source;
    private volatile Read<T> last;

    public FreshValue(Duration fresh, Supplier<T> source) {
        this.fresh = fresh;
        this.source = source;
    }

    public T get() {
        Read<T> read = last;
        long now = System.nanoTime();
        if (read == null || now - read.atNanos() > fresh.toNanos()) {
            read = new Read<>(source.get(), now);
            last = read;
        }
        return read.value();
    }

    public void forget() {
        last = null;
    }
}
