package org.consilium.videobridge.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** One row of a load run: what the bridge forwarded, what it cost, how long packets spent inside it. */
public record Result(String scenario, int size, int endpoints, int seconds, long forwarded, long bytesOut,
              long cpuNanos, long allocatedBytes, Histogram transit, long expected, long received,
              long liveHeapBytes) {

    /** Copies the bridge should have sent and did not (its RTCP counts as sent, a rounding error here). */
    public double bridgeLossPercent() {
        return expected == 0 ? 0 : Math.max(0, 100.0 * (expected - forwarded) / expected);
    }

    public static final String HEADER = "| scenario | size | endpoints | forwarded pkt/s | Mbit/s | bridge CPU % | CPU s per Mpkt | "
            + "pkt per CPU-s | transit p50 / p99 / p99.9 (us) | bridge loss % | received loss % | alloc MB/s | live heap MB |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public double packetsPerSecond() {
        return forwarded / (double) seconds;
    }

    public double cpuSecondsPerMillionPackets() {
        return forwarded == 0 ? 0 : cpuNanos / 1e9 / (forwarded / 1e6);
    }

    /** Copies that never reached the generator's sockets: the bridge's loss plus the kernel's and the generator's. */
    public double lossPercent() {
        return expected == 0 ? 0 : Math.max(0, 100.0 * (expected - received) / expected);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.0f | %.2f | %.0f | %.0f / %.0f / %.0f | %.2f | %.2f | %.1f | %.0f |",
                scenario, size, endpoints, packetsPerSecond(), bytesOut * 8 / 1e6 / seconds,
                100.0 * cpuNanos / 1e9 / seconds, cpuSecondsPerMillionPackets(),
                cpuNanos == 0 ? 0 : forwarded / (cpuNanos / 1e9),
                transit.getValueAtPercentile(50) / 1e3, transit.getValueAtPercentile(99) / 1e3,
                transit.getValueAtPercentile(99.9) / 1e3, bridgeLossPercent(), lossPercent(), allocatedBytes / 1e6 / seconds, liveHeapBytes / 1e6);
    }
}
