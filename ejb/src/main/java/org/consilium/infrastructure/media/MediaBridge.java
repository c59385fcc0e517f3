package org.consilium.infrastructure.media;

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
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.BridgeStatus;
import org.consilium.videobridge.BridgeStatusSource;
import org.consilium.videobridge.Videobridge;

/**
 * Owns the node's {@link Videobridge}: opens the media port when the application is
 * deployed, with the settings of {@link MediaSettings}, and releases it when the application
 * is undeployed or the server stops (every conference expired, the port closed, the
 * bridge's threads ended).
 *
 * <p>A setting that cannot be used has already failed the deployment, naming the property,
 * before any bean started ({@link MediaSettingsValidation}). A port that cannot be opened
 * (taken by another process, an address this host does not have) does not fail it: the
 * readiness check {@code media} is DOWN with the reason, naming the properties, and the
 * port is tried again every {@value #RETRY_MILLIS} ms until it opens. (A {@code @Startup}
 * bean that throws from {@code @PostConstruct} can leave WildFly 39 unable to undeploy the
 * application: calls from timers that other startup beans already started wait for the
 * end of a startup that never comes, and the undeploy waits for them.)
 *
 * <p>Inject the bridge with {@code @Inject Videobridge} to allocate conferences and
 * endpoints. It is produced {@code @Dependent} (the class is final, so it cannot be
 * proxied) when the bean that injects it is created, and that creation fails, saying why,
 * while the port is not open: inject it into beans created on use, not into
 * {@code @Startup} beans.
 *
 * <p>Health checks live in an EAR library, which cannot see this jar's classes: they look
 * this bean up as {@link BridgeStatusSource}
 * ({@code java:global/consilium/consilium-ejb/MediaBridge!org.consilium.videobridge.BridgeStatusSource}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
@LocalBean
@Local(BridgeStatusSource.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaBridge implements BridgeStatusSource {

    static final long RETRY_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(MediaBridge.class.getName());
    /** Ample for the receive loop (ends within one 10 ms tick) and DTLS sessions (within their 1 s read timeout). */
    private static final long STOP_SECONDS = 5;

    /**
     * Threads from the server's managed thread factory (they carry the application's
     * context and are the server's to see), pooled here rather than taken from a
     * ManagedExecutorService: the bridge's tasks do not end soon. Its receive loop runs
     * until the bridge closes, and each endpoint's DTLS session keeps its thread for the
     * endpoint's life; the server's managed executor is bounded and reports tasks running
     * longer than a minute as hung, so endpoints would queue behind its pool size.
     */
    @Resource
    ManagedThreadFactory managedThreads;

    @Resource
    TimerService timers;

    private BridgeConfig config;
    private ExecutorService threads;
    private volatile Videobridge bridge;
    private volatile String problem = "not started yet";
    private boolean stopped;

    @PostConstruct
    void start() {
        config = MediaSettings.from(MediaSettings.config());
        threads = Executors.newCachedThreadPool(named(managedThreads));
        if (!open()) {
            timers.createIntervalTimer(RETRY_MILLIS, RETRY_MILLIS, new TimerConfig("open the media port", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (open()) {
            timer.cancel();
        }
    }

    private synchronized boolean open() {
        if (bridge != null || stopped) {
            return true;
        }
        try {
            bridge = Videobridge.start(config, threads);
            problem = null;
            LOG.info(() -> "Media port open: " + MediaSettings.describe(config) + " (" + MediaSettings.ADVERTISED_ADDRESSES
                    + "); the firewall must let UDP " + config.bindAddress().getPort()
                    + config.tcp().map(tcp -> " and TCP " + tcp.getPort()).orElse("") + " in from the browsers");
            return true;
        } catch (IOException | RuntimeException failed) {
            String why = "cannot open the media port " + MediaSettings.hostAndPort(config.bindAddress())
                    + config.tcp().map(tcp -> " or the TCP media port " + MediaSettings.hostAndPort(tcp)).orElse("")
                    + " (" + MediaSettings.BIND_ADDRESS + ", " + MediaSettings.PORT
                    + config.tcp().map(tcp -> ", " + MediaSettings.TCP_PORT).orElse("") + "): " + failed;
            if (!why.equals(problem)) {
                LOG.severe(() -> why + "; no media on this node until it opens (trying again every "
                        + RETRY_MILLIS / 1000 + " s)");
            }
            problem = why;
            return false;
        }
    }

    /**
     * The bridge, for signaling: allocate conferences and endpoints, read their transport,
     * expire them. @throws IllegalStateException while the media port is not open
     */
    @Produces
    @Dependent
    @Typed(Videobridge.class)
    public Videobridge videobridge() {
        Videobridge running = bridge;
        if (running == null) {
            throw new IllegalStateException("the videobridge is not running: " + problem);
        }
        return running;
    }

    @Override
    public BridgeStatus status() {
        Videobridge running = bridge;
        return running != null ? running.status() : BridgeStatus.notRunning(config, problem);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        Videobridge running = bridge;
        if (running != null) {
            try {
                running.close();
            } catch (IOException | RuntimeException failed) {
                LOG.log(Level.WARNING, "Closing the media port failed", failed);
            }
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning(() -> "Media threads still running " + STOP_SECONDS + " s after the bridge closed: interrupting them");
                threads.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (running != null) {
            LOG.info(() -> "Media port " + MediaSettings.hostAndPort(running.mediaAddress()) + " closed");
        }
    }

    /** Names the managed threads, so that a thread dump shows which are the bridge's. */
    private static ThreadFactory named(ManagedThreadFactory factory) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName("consilium-media-" + count.incrementAndGet());
            return thread;
        };
    }
}
