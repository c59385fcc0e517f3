package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Draining this node for maintenance (administrators, from the console's dashboard): a
 * draining node starts no new call (the first person into a room with no call here is
 * refused with reason {@code draining}); the calls already going on finish as usual, and
 * people may still join them. It lasts until an administrator resumes, or the server
 * restarts: the usual end of a maintenance. The cluster sees it in the bridge registry.
 * Audited as {@code cluster-changed}, change {@code drain} or {@code resume}.
 */
@ApplicationScoped
public class NodeDrain {

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    private final AtomicReference<Instant> drainingSince = new AtomicReference<>();

    /** Since when this node takes no new calls; empty: it takes them. */
    public Optional<Instant> drainingSince() {
        return Optional.ofNullable(drainingSince.get());
    }

    public boolean draining() {
        return drainingSince.get() != null;
    }

    /** @return whether the caller may (only administrators); draining twice changes nothing */
    public boolean drain(Caller caller) {
        return change(caller, "drain", true);
    }

    /** @return whether the caller may (only administrators) */
    public boolean resume(Caller caller) {
        return change(caller, "resume", false);
    }

    private boolean change(Caller caller, String change, boolean drain) {
        AuditEvent.Builder event = AuditEvent.of(AuditAction.CLUSTER_CHANGED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target("node:" + nodeName()).detail("change", change);
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(AuditEvent.of(AuditAction.ACCESS_DENIED, caller.username(), caller.roleNames())
                    .from(caller.clientAddress()).target("node:" + nodeName()).outcome(AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.CLUSTER_CHANGED.code() + ":" + change).build());
            return false;
        }
        Instant before = drain ? drainingSince.compareAndExchange(null, clock.instant())
                : drainingSince.getAndSet(null);
        if (drain == (before == null)) { // a change, not a repeat: the trail says what happened, once
            trail.record(event.build());
        }
        return true;
    }

    private static String nodeName() {
        return ConfigProvider.getConfig().getOptionalValue("jboss.node.name", String.class).orElse("unknown");
    }
}
