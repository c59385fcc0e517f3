package org.consilium.videobridge.allocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One receiver's allocation: for every video source it could get, a layer or the reason
 * for none, in the order the allocator served them (most important first).
 *
 * @param sources by source name, in priority order
 * @param totalBps the sum of the forwarded layers' bitrates (audio not included: it always flows)
 * @param estimateBps the estimate it was made for
 */
public record Allocation(Map<String, SourceAllocation> sources, long totalBps, long estimateBps) {

    /** Before the first allocation: nothing forwarded, nothing to compare with. */
    public static final Allocation EMPTY = new Allocation(Map.of(), 0, 0);

    public Allocation {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** What the receiver gets of {@code source}, or null when it is not in this allocation. */
    public SourceAllocation get(String source) {
        return sources.get(source);
    }

    /** The forwarded layer of {@code source}, or {@link SourceAllocation#NONE}. */
    public int layer(String source) {
        SourceAllocation allocation = sources.get(source);
        return allocation == null ? SourceAllocation.NONE : allocation.layer();
    }

    /**
     * Sources whose layer or reason differs from {@code previous}, or that are in only one
     * of the two: what the receiver must be told, and what the packet path must switch.
     */
    public List<String> changedSince(Allocation previous) {
        List<String> changed = new ArrayList<>();
        for (SourceAllocation now : sources.values()) {
            if (!now.sameDecision(previous.get(now.source()))) {
                changed.add(now.source());
            }
        }
        for (String gone : previous.sources().keySet()) {
            if (!sources.containsKey(gone)) {
                changed.add(gone);
            }
        }
        return changed;
    }
}
