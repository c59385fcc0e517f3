package org.consilium.infrastructure.directory;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.consilium.application.CurrentStaff;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.wildfly.security.auth.principal.AnonymousPrincipal;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;

/**
 * Reads the caller from the Elytron identity that the ldap-realm built at sign-in: the
 * display name comes from the directory's {@code cn}, the roles from the group-to-role
 * mapper in the server configuration.
 */
@ApplicationScoped
public class ElytronCurrentStaff implements CurrentStaff {

    /** Identity attribute filled from the directory entry's cn (see security.cli). */
    static final String DISPLAY_NAME = "displayName";

    @Override
    public Optional<StaffIdentity> get() {
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null) {
            return Optional.empty();
        }
        SecurityIdentity identity = domain.getCurrentSecurityIdentity();
        Principal principal = identity.getPrincipal();
        if (principal == null || principal instanceof AnonymousPrincipal) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(name -> Role.fromRoleName(name).ifPresent(roles::add));
        String displayName = identity.getAttributes().getFirst(DISPLAY_NAME);
        return Optional.of(new StaffIdentity(new Username(principal.getName()), displayName, roles));
    }
}
