package org.consilium.infrastructure.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.admin.NodeDrain;
import org.consilium.application.call.BridgeLoads;
import org.consilium.domain.cluster.BridgeLoad;
import org.consilium.domain.cluster.ClusterView;
import org.consilium.infrastructure.media.MediaBridge;
import org.consilium.videobridge.BridgeStatus;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.stats.TransportCounters;

/**
 * The bridge registry: every node publishes its bridge's address and load to the replicated
 * cache {@code bridges} (60-cluster.cli) every {@link #PERIOD_MILLIS} ms, under its member
 * name, and takes its entry out when it stops. The coordinator also removes the entries of
 * nodes no longer in the view (a node killed or cut off cannot remove its own). What is read
 * is what the current view's members published: the console's cluster table now, the
 * placement of new calls ({@link org.consilium.application.call.CallPlacement}).
 */
@Singleton
@Startup
@LocalBean // the console's view
@Local(BridgeLoads.class) // placement's view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn({"SchemaMigrations", "ClusterMembership"}) // every startup bean after the migrations (StartupOrderTest)
public class BridgeRegistry implements BridgeLoads {

    static final long PERIOD_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger(BridgeRegistry.class.getName());

    @Resource(lookup = "java:jboss/infinispan/cache/consilium/bridges")
    ConcurrentMap<String, String> entries;

    @Resource
    TimerService timers;

    @Inject
    ClusterMembership membership;

    @Inject
    MediaBridge bridge;

    @Inject
    NodeDrain drain;

    private final Clock clock = Clock.systemUTC();
    private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
    private long lastPacketsIn = -1;
    private long lastPacketsOut = -1;
    private Instant lastSample;
    private boolean publishFailing;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(0, PERIOD_MILLIS, new TimerConfig("bridge registry", false));
    }

    @Timeout
    synchronized void publish() {
        ClusterView view = membership.view();
        try {
            entries.put(view.localMember(), BridgeLoadCodec.encode(sample(view.localMember())));
            if (view.coordinating()) {
                Set<String> members = Set.copyOf(view.members());
                entries.keySet().removeIf(node -> !members.contains(node));
            }
            if (publishFailing) {
                publishFailing = false;
                LOG.info("The bridge registry takes this node's load again");
            }
        } catch (RuntimeException cacheUnavailable) { // say it once per outage, not every 2 s
            if (!publishFailing) {
                publishFailing = true;
                LOG.log(Level.WARNING, "Could not publish this node's bridge load to the cluster", cacheUnavailable);
            }
        }
    }

    @PreDestroy
    void stop() {
        try {
            entries.remove(membership.view().localMember());
        } catch (RuntimeException leaving) {
            // the cache may already be stopping with the server; the coordinator cleans up
        }
    }

    /** The bridges of the current view's members, by node name. */
    @Override
    public List<BridgeLoad> bridges() {
        Set<String> members = Set.copyOf(membership.view().members());
        return entries.values().stream()
                .map(BridgeLoadCodec::decode)
                .flatMap(Optional::stream)
                .filter(load -> members.contains(load.node()))
                .sorted(Comparator.comparing(BridgeLoad::node))
                .toList();
    }

    private BridgeLoad sample(String node) {
        Instant now = clock.instant();
        BridgeStatus status = bridge.status();
        String media = "";
        int conferences = 0;
        int endpoints = 0;
        int relays = 0;
        long in = 0;
        long out = 0;
        if (status.running()) {
            media = status.advertisedAddresses().stream().findFirst()
                    .map(address -> address.getHostAddress()).orElse(status.mediaAddress().getHostString())
                    + ":" + status.mediaAddress().getPort();
            conferences = status.conferences();
            endpoints = status.endpoints();
            relays = status.relays();
            try {
                Videobridge running = bridge.videobridge();
                TransportCounters counters = running.counters();
                in = perSecond(counters.packetsIn(), lastPacketsIn, now);
                out = perSecond(counters.packetsOut(), lastPacketsOut, now);
                lastPacketsIn = counters.packetsIn();
                lastPacketsOut = counters.packetsOut();
            } catch (IllegalStateException stoppedMeanwhile) {
                lastPacketsIn = -1;
                lastPacketsOut = -1;
            }
        }
        lastSample = now;
        double load = system.getSystemLoadAverage();
        return new BridgeLoad(node, media, conferences, endpoints, relays, in, out,
                load < 0 ? 0 : load / system.getAvailableProcessors(), drain.draining(), now);
    }

    private long perSecond(long total, long previous, Instant now) {
        if (previous < 0 || lastSample == null || total < previous) {
            return 0;
        }
        long millis = Math.max(1, now.toEpochMilli() - lastSample.toEpochMilli());
        return (total - previous) * 1000 / millis;
    }
}
