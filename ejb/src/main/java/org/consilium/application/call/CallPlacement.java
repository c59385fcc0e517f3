package org.consilium.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.admin.NodeDrain;
import org.consilium.domain.cluster.BridgeLoad;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which node runs a room's call, asked by the node that takes a browser's signaling
 * (docs/architecture.md, "Placement"): the node already running it; else this node, when it
 * has the call's copy to take over; else, for a new call, the least-loaded bridge of the
 * cluster. Least loaded is fewest endpoints (browsers) on the bridge, counting the calls this
 * node placed there since its last report; ties stay here, where the signaling is. Draining
 * bridges take no new call, nor does a bridge over its limit while another is under it. The
 * choice is this node's alone: two nodes placing the same new room at the same instant could
 * choose two bridges, which the copy of the call and the database's runner settle (the second
 * is refused {@code elsewhere} and its browser comes back to the first).
 */
@ApplicationScoped
public class CallPlacement {

    /** A bridge's report older than this is not believed (it publishes every 2 s). */
    static final Duration STALE = Duration.ofSeconds(10);
    /** Endpoints a newly placed call counts for until the bridge reports it: a visit's two people. */
    static final int PLACED_WEIGHT = 2;
    private static final Logger LOG = Logger.getLogger(CallPlacement.class.getName());

    @Inject
    CallRegistry registry;

    @Inject
    SharedCalls shared;

    @Inject
    BridgeLoads loads;

    @Inject
    NodeDrain drain;

    @Inject
    Clock clock;

    /** When this node last placed a call on each other node. */
    private final Map<String, List<Instant>> placed = new ConcurrentHashMap<>();

    /**
     * Where a room's call runs.
     *
     * @param node    the other node that runs it or should; empty: this one
     * @param newCall the call does not run yet: {@code node} was chosen for it, so when that node
     *                cannot be reached (it has just joined, or just died) this one may start it
     */
    public record Placement(Optional<String> node, boolean newCall) {
        static final Placement HERE = new Placement(Optional.empty(), false);
    }

    /** Where {@code roomId}'s call runs, or should. */
    public Placement of(String roomId) {
        if (registry.live(roomId).isPresent()) {
            return Placement.HERE;
        }
        try {
            Optional<SharedCalls.Shared> known = shared.find(roomId, Duration.ZERO);
            if (known.isPresent() && known.get().owner() == SharedCalls.OwnerState.LIVE) {
                return new Placement(Optional.of(known.get().snapshot().owner()), false);
            }
            if (known.isPresent()) {
                return Placement.HERE; // ours to take over, or stale: this node decides (CallFailover)
            }
            String self = shared.localNode();
            Instant now = clock.instant();
            Optional<String> chosen = leastLoaded(loads.bridges(), self, drain.draining(), recent(now), now,
                    maxLoadPerCore());
            chosen.ifPresent(node -> placed.computeIfAbsent(node, n -> new ArrayList<>()).add(now));
            return new Placement(chosen, true);
        } catch (RuntimeException unavailable) { // the cluster's caches are not there: this node alone decides
            LOG.log(Level.WARNING, "Could not place the call of room {0} in the cluster, starting it here: {1}",
                    new Object[] {roomId, unavailable.getClass().getName()});
            return Placement.HERE;
        }
    }

    /** Calls placed on each node since its last report (the report counts them itself). */
    private Map<String, Integer> recent(Instant now) {
        Map<String, Instant> reported = new java.util.HashMap<>();
        loads.bridges().forEach(load -> reported.put(load.node(), load.publishedAt()));
        Map<String, Integer> counts = new java.util.HashMap<>();
        placed.forEach((node, times) -> {
            synchronized (times) {
                Instant since = reported.getOrDefault(node, now.minus(STALE));
                times.removeIf(at -> !at.isAfter(since));
                counts.put(node, times.size());
            }
        });
        return counts;
    }

    /**
     * The node that should take a new call, or empty for this one.
     *
     * @param self           this node, where the signaling is
     * @param selfDraining   this node is drained: it takes none while another bridge can
     * @param placedRecently calls placed on each node since its report
     * @param maxLoadPerCore a bridge whose host is busier than this takes none while another is not
     */
    static Optional<String> leastLoaded(List<BridgeLoad> bridges, String self, boolean selfDraining,
                                        Map<String, Integer> placedRecently, Instant now, double maxLoadPerCore) {
        List<BridgeLoad> open = bridges.stream()
                .filter(load -> !load.mediaAddress().isEmpty() && !load.draining())
                .filter(load -> !load.node().equals(self) || !selfDraining)
                .filter(load -> !load.publishedAt().isBefore(now.minus(STALE)))
                .toList();
        List<BridgeLoad> underLimit = open.stream().filter(load -> load.loadPerCore() <= maxLoadPerCore).toList();
        List<BridgeLoad> candidates = underLimit.isEmpty() ? open : underLimit;
        Comparator<BridgeLoad> byLoad = Comparator
                .comparingInt((BridgeLoad load) -> load.endpoints() + PLACED_WEIGHT * placedRecently.getOrDefault(load.node(), 0))
                .thenComparing(load -> load.node().equals(self) ? 0 : 1)
                .thenComparingDouble(BridgeLoad::loadPerCore)
                .thenComparing(BridgeLoad::node);
        return candidates.stream().min(byLoad).map(BridgeLoad::node).filter(node -> !node.equals(self));
    }

    private static double maxLoadPerCore() {
        return ConfigProvider.getConfig().getOptionalValue("consilium.cluster.placement.max-load-per-core", Double.class)
                .orElse(0.9);
    }
}
