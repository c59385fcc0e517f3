package org.consilium.application.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.admin.RoleMapping;
import org.consilium.domain.admin.RoleMappingRepository;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/**
 * Use cases of the group-to-role mapping on the console's Directory page: read it, replace
 * the configured mapping with one an administrator edits, go back to the configured one.
 * Administrators only; checked ({@link RoleMapping#check}); audited as
 * {@code role-mapping-changed} (target {@value #TARGET}) with the mapping before and after.
 * An administrator cannot take the admin role away from their own groups. The change applies
 * to sign-ins from the moment it is committed on this node, within
 * {@link RoleMappingSync#INTERVAL_SECONDS} seconds on the others.
 */
@Stateless
public class RoleMappingAdministration {

    public static final String TARGET = "role-mapping";

    private static final Logger LOG = Logger.getLogger(RoleMappingAdministration.class.getName());

    @Inject
    RoleMappingRepository repository;

    @Inject
    RoleMappingInForce inForce;

    @Inject
    StaffDirectory directory;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    @Inject
    Event<RoleMappingSync.Changed> changed;

    /**
     * @param mapping    the mapping sign-ins get (the replacement if there is one, else the configured one)
     * @param replaced   an administrator replaced the configured mapping
     * @param configured the server configuration's mapping
     */
    public record View(RoleMapping mapping, boolean replaced, Optional<Instant> changedAt, Optional<String> changedBy,
                       RoleMapping configured) {
    }

    public View view() {
        RoleMappingRepository.Stored stored = repository.current();
        RoleMapping configured = inForce.configured();
        return new View(stored.mapping().orElse(configured), stored.mapping().isPresent(), stored.changedAt(),
                stored.changedBy(), configured);
    }

    /** What came of a change: problems by line ({@link RoleMapping#WHOLE} for the whole mapping). */
    public record Change(Outcome outcome, Map<Integer, String> problems) {

        public enum Outcome { DONE, UNCHANGED, INVALID, REFUSED_ROLE }

        static Change invalid(String why) {
            return new Change(Outcome.INVALID, Map.of(RoleMapping.WHOLE, why));
        }
    }

    /** Puts the mapping an administrator typed in place of the current one. */
    public Change replace(Caller caller, List<RoleMapping.Draft> drafts) {
        if (!isAdmin(caller, "replace")) {
            return new Change(Change.Outcome.REFUSED_ROLE, Map.of());
        }
        RoleMapping.Checked checked = RoleMapping.check(drafts);
        if (checked.mapping().isEmpty()) {
            return new Change(Change.Outcome.INVALID, checked.problems());
        }
        return apply(caller, checked.mapping());
    }

    /** Goes back to the server configuration's mapping. */
    public Change restoreConfigured(Caller caller) {
        if (!isAdmin(caller, "restore-configured")) {
            return new Change(Change.Outcome.REFUSED_ROLE, Map.of());
        }
        return apply(caller, Optional.empty());
    }

    private Change apply(Caller caller, Optional<RoleMapping> replacement) {
        RoleMapping after = replacement.orElseGet(inForce::configured);
        Optional<String> lockout = ownAdminLost(caller, after);
        if (lockout.isPresent()) {
            return Change.invalid(lockout.get());
        }
        RoleMappingRepository.Stored before = repository.lock();
        if (before.mapping().equals(replacement)) {
            return new Change(Change.Outcome.UNCHANGED, Map.of());
        }
        String was = describe(before.mapping().orElseGet(inForce::configured), before.mapping().isPresent());
        String now = describe(after, replacement.isPresent());
        repository.save(replacement, caller.identity().username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        trail.record(event(caller, AuditOutcome.SUCCESS).detail("before", was).detail("after", now).build());
        changed.fire(new RoleMappingSync.Changed(replacement));
        LOG.info(() -> "Group-to-role mapping changed by " + caller.username() + ": " + was + " -> " + now);
        return new Change(Change.Outcome.DONE, Map.of());
    }

    /** Why {@code mapping} must not be applied by {@code caller}: it would take their own admin role away. */
    private Optional<String> ownAdminLost(Caller caller, RoleMapping mapping) {
        StaffDirectory.Lookup own = directory.lookup(caller.identity().username());
        if (own.problem().isPresent() || !own.found()) {
            return Optional.of("The directory could not tell your own groups ("
                    + own.problem().orElse("your account was not found") + "), so the change could not be checked "
                    + "against locking you out; nothing was changed.");
        }
        if (!mapping.rolesOf(own.groups()).contains(Role.ADMIN)) {
            return Optional.of("With this mapping you would no longer be an administrator: none of your groups ("
                    + (own.groups().isEmpty() ? "none" : String.join(", ", own.groups()))
                    + ") would grant admin. Another administrator can make this change.");
        }
        return Optional.empty();
    }

    /** "configured: A=admin; B=clinician,auditor" or "console: ...", as audited. */
    static String describe(RoleMapping mapping, boolean replaced) {
        return (replaced ? "console: " : "configured: ") + mapping.lines().stream()
                .map(line -> line.group() + "=" + line.joinedRoles().replace(" ", ""))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private boolean isAdmin(Caller caller, String attempted) {
        if (caller.identity().has(Role.ADMIN)) {
            return true;
        }
        trail.record(AuditEvent.of(AuditAction.ACCESS_DENIED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target(TARGET).outcome(AuditOutcome.DENIED)
                .detail("attempted", AuditAction.ROLE_MAPPING_CHANGED.code() + ":" + attempted).build());
        return false;
    }

    private static AuditEvent.Builder event(Caller caller, AuditOutcome outcome) {
        return AuditEvent.of(AuditAction.ROLE_MAPPING_CHANGED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target(TARGET).outcome(outcome);
    }
}
