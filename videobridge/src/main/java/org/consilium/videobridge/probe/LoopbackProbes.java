package org.consilium.videobridge.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.consilium.videobridge.Videobridge;

/**
 * The node's network checks: each a conference of its own on the bridge (so its two
 * endpoints count in the bridge's load like a call's), at most {@code maxOpen} at once, each
 * closed at its time limit whatever the page does ({@link #closeOverdue}, called by whoever
 * embeds the bridge on a timer). Conference ids start with {@link #PREFIX}, which no room id
 * does (those are UUIDs).
 */
public final class LoopbackProbes {

    public static final String PREFIX = "network-check-";
    /** A check measures for about 5 s; connecting takes a second or two, TCP a little more. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(10);
    /** Two endpoints each: a dozen checks weigh as little as a large visit. */
    public static final int DEFAULT_MAX_OPEN = 12;

    private final Videobridge bridge;
    private final int maxOpen;
    private final Duration limit;
    private final LongSupplier nanos;
    private final Map<String, LoopbackProbe> open = new ConcurrentHashMap<>();

    public LoopbackProbes(Videobridge bridge) {
        this(bridge, DEFAULT_MAX_OPEN, DEFAULT_LIMIT, System::nanoTime);
    }

    public LoopbackProbes(Videobridge bridge, int maxOpen, Duration limit, LongSupplier nanos) {
        this.bridge = bridge;
        this.maxOpen = maxOpen;
        this.limit = limit;
        this.nanos = nanos;
    }

    /** A new check, its time running from now. @throws ProbeRefused {@code busy} when as many as allowed run */
    public synchronized LoopbackProbe open() throws ProbeRefused {
        closeOverdue();
        if (open.size() >= maxOpen) {
            throw new ProbeRefused("busy", "the video system is checking other connections: try again in a few seconds");
        }
        String id = PREFIX + UUID.randomUUID();
        LoopbackProbe probe = new LoopbackProbe(id, bridge.conference(id), nanos.getAsLong() + limit.toNanos(),
                () -> closed(id));
        open.put(id, probe);
        return probe;
    }

    /** Closes every check past its limit; returns them (their pages are told). */
    public List<LoopbackProbe> closeOverdue() {
        long now = nanos.getAsLong();
        List<LoopbackProbe> overdue = open.values().stream().filter(probe -> probe.overdue(now)).toList();
        overdue.forEach(LoopbackProbe::close);
        return overdue;
    }

    /** Checks running now. */
    public int openCount() {
        return open.size();
    }

    /** Every check closed (the bridge is going away). */
    public void closeAll() {
        List.copyOf(open.values()).forEach(LoopbackProbe::close);
    }

    public Duration limit() {
        return limit;
    }

    private void closed(String id) {
        open.remove(id);
        bridge.expireConference(id);
    }
}
