package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/**
 * Use cases of the console's Directory page (administrators only): test the connection to
 * the hospital directory, look a person up and show the roles a sign-in would give them,
 * (the mapping itself: {@link RoleMappingAdministration}). An auditor or anyone else who
 * reaches these gets nothing, and the refusal is audited.
 */
@ApplicationScoped
public class DirectoryAdministration {

    @Inject
    StaffDirectory directory;

    @Inject
    AuditTrail trail;

    /** The result of a connection test: LDAP answers, and a sign-in's lookup (service bind + search) works. */
    public record ConnectionTest(String url, StaffDirectory.Probe reach, StaffDirectory.Lookup lookup) {

        public boolean ok() {
            return reach.ok() && lookup.problem().isEmpty() && lookup.found();
        }
    }

    /**
     * Tests the directory as a sign-in uses it: an anonymous LDAP read (is it there?), then
     * the realm's lookup of the caller's own account (service-account bind, search, groups).
     */
    public Optional<ConnectionTest> test(Caller caller) {
        if (!allowed(caller, "directory-test")) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionTest(directory.url(), directory.reach(),
                directory.lookup(caller.identity().username())));
    }

    /** The roles {@code who} would get at sign-in (empty when refused). */
    public Optional<StaffDirectory.Lookup> lookup(Caller caller, Username who) {
        if (!allowed(caller, "directory-lookup")) {
            return Optional.empty();
        }
        return Optional.of(directory.lookup(who));
    }

    private boolean allowed(Caller caller, String attempted) {
        if (caller.identity().has(Role.ADMIN)) {
            return true;
        }
        trail.record(AuditEvent.of(AuditAction.ACCESS_DENIED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target("directory").outcome(AuditOutcome.DENIED)
                .detail("attempted", attempted).build());
        return false;
    }
}
