package org.consilium.application.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code consilium.audit.checkpoint-interval} (default one minute) signs the end of
 * the chain if it moved. A failure (HSM or database away) is logged and retried next time;
 * the events themselves are already stored.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditCheckpointTimer {

    private static final Logger LOG = Logger.getLogger(AuditCheckpointTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AuditTrail trail;

    @Inject
    @ConfigProperty(name = "consilium.audit.checkpoint-interval", defaultValue = "PT1M")
    Duration interval;

    @PostConstruct
    void start() {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("consilium.audit.checkpoint-interval must be positive");
        }
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("audit checkpoints", false));
    }

    @Timeout
    void checkpoint() {
        try {
            trail.checkpointIfBehind();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not sign an audit checkpoint; retrying at the next interval", failed);
        }
    }
}
