package org.consilium.videobridge.transport;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A channel the media port's receive loop serves besides its UDP socket (the TCP media
 * port), on the same thread: so every packet, whichever way it came, meets the endpoint on
 * the one thread the packet path assumes, and needs no locks there.
 */
public interface LoopChannel {

    /** What the loop calls when a key registered with this attachment is ready. Loop thread. */
    @FunctionalInterface
    interface Ready {
        void ready(SelectionKey key);
    }

    /** Registers this channel's keys, each with a {@link Ready} attachment. Called once before the loop starts. */
    void register(Selector selector) throws IOException;

    /** Timed housekeeping, every {@link UdpTransport#TICK_MILLIS} or so. Loop thread. */
    void tick(long nowNanos);

    /** The loop ended (or never started): release everything. */
    void close();
}
