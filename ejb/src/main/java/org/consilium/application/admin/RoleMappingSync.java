package org.consilium.application.admin;

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
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.domain.admin.RoleMapping;
import org.consilium.domain.admin.RoleMappingRepository;

/**
 * Keeps this node's security domain on the stored mapping: at start, as soon as a change
 * made here is committed, and every {@value #INTERVAL_SECONDS} s for changes made on another
 * node. When the database cannot be read, the mapping in force stays as it is (sign-ins go
 * on) and the next tick tries again.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // after the schema is migrated, as every startup bean (StartupOrderTest)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoleMappingSync {

    public static final int INTERVAL_SECONDS = 10;

    private static final Logger LOG = Logger.getLogger(RoleMappingSync.class.getName());

    /** A change committed on this node: the replacement, or none (configured). */
    public record Changed(Optional<RoleMapping> replacement) {
    }

    @Resource
    TimerService timers;

    @Inject
    RoleMappingRepository repository;

    @Inject
    RoleMappingInForce inForce;

    private volatile boolean failing;

    @PostConstruct
    void start() {
        refresh();
        long millis = INTERVAL_SECONDS * 1000L;
        timers.createIntervalTimer(millis, millis, new TimerConfig("role mapping sync", false));
    }

    @Timeout
    public void refresh() {
        try {
            Optional<RoleMapping> stored = repository.current().mapping();
            if (!stored.equals(inForce.replacement())) {
                inForce.put(stored);
                LOG.info(() -> stored.isPresent() ? "The console's group-to-role mapping is in force"
                        : "The configured group-to-role mapping is in force");
            }
            failing = false;
        } catch (RuntimeException unreadable) {
            if (!failing) {
                LOG.log(Level.WARNING, "Could not read the stored group-to-role mapping; the mapping in force stays "
                        + "until the database answers", unreadable);
            }
            failing = true;
        }
    }

    /** A business method: session beans observe events only through those. */
    public void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        inForce.put(changed.replacement());
    }
}
