package org.consilium.videobridge.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Which layers of each publisher's sources someone receives, in one conference, and so
 * which the publisher may stop encoding and sending ("dynacast"): an unwatched 720p layer
 * then costs neither the publisher's uplink nor its CPU.
 *
 * <p>A layer is needed while some receiver's allocation targets it or the packet path still
 * forwards it (during a switch the old layer flows until the new one's keyframe). A needed
 * layer is switched on at once. One nobody needs is switched off only after
 * {@value #SWITCH_OFF_DELAY_SECONDS} s unneeded: a receiver whose estimate dips for a
 * moment, or a tile scrolled past, would otherwise make the publisher restart the layer,
 * and a restarted layer begins with a keyframe and a bitrate ramp that look worse than the
 * few seconds of uplink saved. Publishers start with every layer on (what a browser does).
 *
 * <p><b>Sequence for the packet path.</b> (1) allocate; (2) {@link #update} with the new
 * allocations and what is being forwarded, send each returned switch to its publisher;
 * (3) move a receiver to a target layer only once that layer's keyframe arrives (the layer
 * selector does so anyway), so a layer switched on in (2) is flowing before anyone is
 * moved to it; (4) call {@link #update} also on a timer (every second), which is when
 * delayed switch-offs are reported. Changes are reported only when they change.
 */
public final class DynacastDemand {

    static final int SWITCH_OFF_DELAY_SECONDS = 5;
    private static final long SWITCH_OFF_DELAY_NANOS = TimeUnit.SECONDS.toNanos(SWITCH_OFF_DELAY_SECONDS);

    /**
     * What a publisher is to encode of one source.
     *
     * @param source the source's name
     * @param active by layer index: whether it is to be sent
     */
    public record LayerSwitch(String source, SortedMap<Integer, Boolean> active) {
        public LayerSwitch {
            active = Collections.unmodifiableSortedMap(new TreeMap<>(active));
        }
    }

    /** By source: by layer index, whether the publisher was last told to send it. */
    private final Map<String, SortedMap<Integer, Boolean>> reported = new HashMap<>();
    /** By source: by layer index, since when a layer that is on has been unneeded. */
    private final Map<String, Map<Integer, Long>> unneededSince = new HashMap<>();

    /**
     * Whether the publisher was told to stop sending this layer. Such a layer sends nothing,
     * yet a receiver can get it (it comes back when asked for): list it among the source's
     * {@link VideoSource#layers()} with a nominal bitrate, not as a layer that stopped.
     */
    public synchronized boolean switchedOff(String source, int layer) {
        SortedMap<Integer, Boolean> last = reported.get(source);
        return last != null && Boolean.FALSE.equals(last.get(layer));
    }

    /** By source name, the layer indexes any of these allocations forwards. */
    public static Map<String, Set<Integer>> received(Collection<Allocation> allocations) {
        Map<String, Set<Integer>> received = new HashMap<>();
        for (Allocation allocation : allocations) {
            for (SourceAllocation source : allocation.sources().values()) {
                if (source.isForwarded()) {
                    received.computeIfAbsent(source.source(), s -> new HashSet<>()).add(source.layer());
                }
            }
        }
        return received;
    }

    /**
     * @param published by source name, every layer index its publisher declares
     * @param allocations every receiver's current allocation
     * @param forwarding by source name, the layers the packet path forwards to someone right now
     * @param nowNanos {@link System#nanoTime()}
     * @return the sources whose layers are to be switched, each with all its layers
     */
    public synchronized List<LayerSwitch> update(Map<String, ? extends Collection<Integer>> published,
                                                 Collection<Allocation> allocations,
                                                 Map<String, ? extends Collection<Integer>> forwarding, long nowNanos) {
        Map<String, Set<Integer>> needed = received(allocations);
        forwarding.forEach((source, layers) -> needed.computeIfAbsent(source, s -> new HashSet<>()).addAll(layers));
        reported.keySet().retainAll(published.keySet());
        unneededSince.keySet().retainAll(published.keySet());
        List<LayerSwitch> switches = new ArrayList<>();
        for (Map.Entry<String, ? extends Collection<Integer>> entry : published.entrySet()) {
            String source = entry.getKey();
            SortedMap<Integer, Boolean> last = reported.computeIfAbsent(source, s -> new TreeMap<>());
            Map<Integer, Long> since = unneededSince.computeIfAbsent(source, s -> new HashMap<>());
            Set<Integer> wanted = needed.getOrDefault(source, Set.of());
            SortedMap<Integer, Boolean> next = new TreeMap<>();
            for (Integer layer : entry.getValue()) {
                boolean on = last.getOrDefault(layer, true);
                if (wanted.contains(layer)) {
                    since.remove(layer);
                    on = true;
                } else if (on) {
                    long unneeded = since.computeIfAbsent(layer, l -> nowNanos);
                    on = nowNanos - unneeded < SWITCH_OFF_DELAY_NANOS;
                }
                next.put(layer, on);
            }
            for (Iterator<Integer> layers = since.keySet().iterator(); layers.hasNext(); ) {
                Integer layer = layers.next();
                if (!Boolean.TRUE.equals(next.get(layer))) {
                    layers.remove(); // off or gone: nothing to count any more
                }
            }
            if (!next.equals(withDefaults(last, next))) {
                switches.add(new LayerSwitch(source, next));
            }
            reported.put(source, next);
        }
        return switches;
    }

    /** What the publisher does now for the layers of {@code next}: as last told, else on. */
    private static SortedMap<Integer, Boolean> withDefaults(SortedMap<Integer, Boolean> last,
                                                            SortedMap<Integer, Boolean> next) {
        SortedMap<Integer, Boolean> now = new TreeMap<>();
        next.keySet().forEach(layer -> now.put(layer, last.getOrDefault(layer, true)));
        return now;
    }
}
