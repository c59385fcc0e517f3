package org.consilium.videobridge.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the transport stage. LongAdder: incremented on the receive thread, read
 * rarely by the console, never contended.
 */
public final class TransportCounters {

    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];

    public TransportCounters() {
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    public void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    public void sent(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    /** A packet the bridge meant to send but the socket refused (send buffer full, unreachable). */
    public void sendFailed() {
        sendFailures.increment();
    }

    public long sendFailures() {
        return sendFailures.sum();
    }

    public void dropped(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long packetsOut() {
        return packetsOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Packets dropped for any of these reasons. */
    public long dropCount(DropReason reason, DropReason... more) {
        long total = drops[reason.ordinal()].sum();
        for (DropReason other : more) {
            total += drops[other.ordinal()].sum();
        }
        return total;
    }

    public long droppedTotal() {
        long total = 0;
        for (LongAdder drop : drops) {
            total += drop.sum();
        }
        return total;
    }

    public Map<DropReason, Long> dropsByReason() {
        Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            snapshot.put(reason, drops[reason.ordinal()].sum());
        }
        return snapshot;
    }
}
