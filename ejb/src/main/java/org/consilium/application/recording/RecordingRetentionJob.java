package org.consilium.application.recording;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingRetention;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The retention job: every {@code consilium.recording.retention-check} (default PT1H), each
 * appliance crypto-shreds the recordings on its own volume whose retention has passed
 * ({@link RecordingRetention}; never one on legal hold), and audits each
 * ({@code recording-deleted}, reason {@code retention}). The recording's row stays, marked
 * shredded: the record that it existed and was destroyed, with its consents. The interval is
 * read again at least every {@value #WAKE_SECONDS} seconds, so a change (through the
 * management API, say) applies without a restart and without waiting out the old interval.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
public class RecordingRetentionJob {

    private static final Logger LOG = Logger.getLogger(RecordingRetentionJob.class.getName());
    private static final Duration FIRST_RUN = Duration.ofSeconds(30);
    static final int WAKE_SECONDS = 10;
    private static final Duration WAKE = Duration.ofSeconds(WAKE_SECONDS);

    @Inject
    RecordingRepository recordings;

    @Inject
    RecordingStorage storage;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService executor;

    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;
    private volatile Instant started;
    /** When the job last ran; null before its first run. */
    private volatile Instant lastRun;

    @PostConstruct
    void start() {
        started = clock.instant();
        schedule(shorter(FIRST_RUN, interval()));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(Duration delay) {
        if (!stopped) {
            next = executor.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs when due (the first time {@link #FIRST_RUN} after the start, then every interval), and wakes again. */
    private void runAndReschedule() {
        Duration interval = interval();
        try {
            Instant now = clock.instant();
            Instant due = lastRun == null ? started.plus(shorter(FIRST_RUN, interval)) : lastRun.plus(interval);
            if (!now.isBefore(due)) {
                lastRun = now;
                shredExpired();
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "The recordings' retention job failed: {0}", failed.getClass().getName());
        } finally {
            schedule(shorter(WAKE, interval));
        }
    }

    private static Duration shorter(Duration one, Duration other) {
        return one.compareTo(other) < 0 ? one : other;
    }

    /** Shreds what has expired on this appliance now; returns how many recordings. */
    int shredExpired() {
        RecordingRetention retention = recordings.retention();
        Instant now = clock.instant();
        int shredded = 0;
        for (RecordingRepository.Stored recording : recordings.shreddable(VisitRecorders.node())) {
            Optional<Instant> expiry = retention.expiry(recording.roomKind(), recording.stoppedAt());
            if (expiry.isPresent() && !expiry.get().isAfter(now)) {
                try {
                    int files = storage.shred(recording.id());
                    recordings.shredded(recording.id(), now, "retention");
                    audit.record(AuditEvent.of(AuditAction.RECORDING_DELETED, AuditEvent.SYSTEM, List.of())
                            .target(recording.id().auditTarget()).detail("reason", "retention")
                            .detail("files", Integer.toString(files)).detail("expired", expiry.get().toString()).build());
                    shredded++;
                } catch (IOException failed) {
                    LOG.log(Level.WARNING, "Recording {0} could not be shredded: {1}",
                            new Object[] {recording.id(), failed.getClass().getName()});
                }
            }
        }
        return shredded;
    }

    private static Duration interval() {
        String configured = ConfigProvider.getConfig().getOptionalValue("consilium.recording.retention-check",
                String.class).orElse("PT1H");
        try {
            Duration interval = Duration.parse(configured);
            return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        } catch (java.time.format.DateTimeParseException unreadable) {
            LOG.warning("consilium.recording.retention-check is not an ISO-8601 duration such as PT1H; using PT1H");
            return Duration.ofHours(1);
        }
    }
}
