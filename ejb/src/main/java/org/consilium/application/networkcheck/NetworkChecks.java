package org.consilium.application.networkcheck;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.probe.LoopbackProbe;
import org.consilium.videobridge.probe.LoopbackProbes;
import org.consilium.videobridge.probe.ProbeRefused;

/**
 * The node's network checks: each a loopback through this node's bridge (never another
 * node's: the check is of the path to the appliance the page reached), one at a time per
 * HTTP session, at most {@value #PER_MINUTE} a minute, at most {@link LoopbackProbes#DEFAULT_MAX_OPEN}
 * on the node, each ended at {@link LoopbackProbes#DEFAULT_LIMIT} by a sweep every second
 * whatever its page does; its page is then told ({@link Over}).
 */
@ApplicationScoped
public class NetworkChecks {

    static final int PER_MINUTE = 6;
    private static final Logger LOG = Logger.getLogger(NetworkChecks.class.getName());

    /** Told when the check reached its time limit and was ended. */
    @FunctionalInterface
    public interface Over {
        void timeUp();
    }

    @Inject
    Instance<Videobridge> bridge;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService executor;

    private final CheckAllowance allowance = new CheckAllowance(PER_MINUTE, Duration.ofMinutes(1));
    private final Map<LoopbackProbe, Over> running = new ConcurrentHashMap<>();
    private LoopbackProbes probes;
    private Videobridge probesOf;
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        try {
            sweeping = executor.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warning("Network checks are ended by their pages only: the executor refused the sweep");
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        running.keySet().forEach(LoopbackProbe::close);
        running.clear();
    }

    /**
     * A new check for {@code client} (its HTTP session id).
     *
     * @throws ProbeRefused {@code one-at-a-time}, {@code rate-limited}, {@code busy} (the node runs as many as it
     *                      takes) or {@code unavailable} (the bridge is not running)
     */
    public LoopbackProbe start(String client, Over over) throws ProbeRefused {
        allowance.claim(client, clock.instant());
        try {
            LoopbackProbe probe = probes().open();
            running.put(probe, over);
            return probe;
        } catch (ProbeRefused refused) {
            allowance.release(client, clock.instant());
            throw refused;
        } catch (RuntimeException notRunning) {
            allowance.release(client, clock.instant());
            LOG.log(Level.INFO, "No network check: the bridge is not running ({0})", notRunning.getClass().getName());
            throw new ProbeRefused("unavailable", "the video system is not running now: try again in a minute");
        }
    }

    /** The client's check is over (its page closed it, or its time was up): the bridge lets it go. */
    public void end(String client, LoopbackProbe probe) {
        running.remove(probe);
        probe.close();
        allowance.release(client, clock.instant());
    }

    /** Checks running on this node now. */
    public int running() {
        return running.size();
    }

    /** The probes of the bridge running now (a bridge restarted after a port problem is a new one). */
    private synchronized LoopbackProbes probes() {
        Videobridge now = bridge.get();
        if (probes == null || probesOf != now) {
            if (probes != null) {
                probes.closeAll();
            }
            probes = new LoopbackProbes(now);
            probesOf = now;
        }
        return probes;
    }

    private void sweep() {
        try {
            LoopbackProbes current;
            synchronized (this) {
                current = probes;
            }
            if (current == null) {
                return;
            }
            for (LoopbackProbe overdue : current.closeOverdue()) {
                Over over = running.remove(overdue);
                if (over != null) {
                    over.timeUp();
                }
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not end overdue network checks: {0}", failed.getClass().getName());
        }
    }
}
