package org.consilium.videobridge.stats;

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
    private final ReasonCounters<DropReason> drops = new ReasonCounters<>(DropReason.class);

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
        drops.add(reason, 1);
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
        long total = drops.get(reason);
        for (DropReason other : more) {
            total += drops.get(other);
        }
        return total;
    }

    public long droppedTotal() {
        return drops.total();
    }

    public Map<DropReason, Long> dropsByReason() {
        return drops.snapshot();
    }
}
