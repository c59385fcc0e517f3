package org.consilium.application.kek;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.envelope.Envelopes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The KEK rewrap job of this appliance: a pass looks at the token again (another appliance may
 * have rotated), rewraps every envelope of every {@link EnvelopeStore} whose version is older
 * than the newest, and records what this appliance's own volume holds by version
 * ({@link KekUsage}). A pass runs 20 s after start (an appliance that was down catches up),
 * every {@code consilium.kek.rewrap-check} (default PT1H), and at once after a rotation on this
 * appliance ({@link #runSoon}). One pass at a time; asked during a pass, another follows it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
public class KekRewrapJob {

    private static final Logger LOG = Logger.getLogger(KekRewrapJob.class.getName());
    private static final Duration FIRST_RUN = Duration.ofSeconds(20);

    @Inject
    Instance<KeyService> keys; // looked up per pass: the HSM may be away (HsmProducers)

    @Inject
    Instance<EnvelopeStore> stores;

    @Inject
    KekUsage usage;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService executor;

    private final Object passes = new Object();
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        schedule(FIRST_RUN.compareTo(interval()) < 0 ? FIRST_RUN : interval());
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Starts a pass in the background now (after a rotation); the caller does not wait for it. */
    public void runSoon() {
        if (!stopped) {
            executor.execute(this::runQuietly);
        }
    }

    private void schedule(Duration delay) {
        if (!stopped) {
            next = executor.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void runAndReschedule() {
        try {
            runQuietly();
        } finally {
            schedule(interval());
        }
    }

    private void runQuietly() {
        try {
            pass();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "The KEK rewrap job failed; it runs again at its next check", failed);
        }
    }

    /** One pass; returns what this appliance's own volume holds afterwards, empty when the HSM is away. */
    Optional<KekTally> pass() {
        synchronized (passes) {
            Envelopes envelopes;
            int current;
            try {
                KeyService service = keys.get();
                current = service.keks().refresh().version();
                envelopes = service.envelopes();
            } catch (RuntimeException hsmAway) {
                LOG.log(Level.WARNING, "The KEK rewrap job cannot reach the HSM: {0}", hsmAway.getMessage());
                return Optional.empty();
            }
            KekTally own = KekTally.none();
            for (EnvelopeStore store : stores) {
                KekTally tally = store.rewrapOlder(envelopes); // a store that cannot be read throws: no report
                LOG.log(tally.below(current) > 0 ? Level.WARNING : Level.FINE,
                        "KEK rewrap pass, {0}: envelopes by version {1} (current {2}), {3} could not be rewrapped",
                        new Object[] {store.name(), tally.envelopes(), current, tally.failed()});
                if (!store.shared()) {
                    own = own.plus(tally);
                }
            }
            usage.record(ThisAppliance.name(), current, own, clock.instant());
            return Optional.of(own);
        }
    }

    private static Duration interval() {
        String configured = ConfigProvider.getConfig().getOptionalValue("consilium.kek.rewrap-check", String.class)
                .orElse("PT1H");
        try {
            Duration interval = Duration.parse(configured);
            return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        } catch (java.time.format.DateTimeParseException unreadable) {
            LOG.log(Level.WARNING, "consilium.kek.rewrap-check is not a duration ({0}); checking hourly", configured);
            return Duration.ofHours(1);
        }
    }
}
