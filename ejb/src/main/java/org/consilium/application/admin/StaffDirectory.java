package org.consilium.application.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.consilium.domain.Role;
import org.consilium.domain.Username;

/**
 * The hospital directory as the server's security domain sees it (implemented with
 * Elytron's ldap-realm and group-to-role mapper, so what the console shows is what a
 * sign-in would get).
 */
public interface StaffDirectory {

    /** The directory's URL ({@code consilium.directory.url}). */
    String url();

    /** Whether the directory answers LDAP at all (anonymous read of its root entry), and how long that took. */
    Probe reach();

    /**
     * Looks a person up as a sign-in would, without their password: the realm binds with the
     * service account and searches the users under {@code consilium.directory.users-dn},
     * then their groups; the security domain maps the groups to roles.
     */
    Lookup lookup(Username who);

    /** @param problem why it failed; empty when it worked */
    record Probe(Duration took, Optional<String> problem) {

        public boolean ok() {
            return problem.isEmpty();
        }
    }

    /**
     * @param found    the user exists under the users' base
     * @param groups   the directory groups found for them (names)
     * @param roles    the Consilium roles those groups map to
     * @param problem  why the directory could not be asked; empty when it answered
     */
    record Lookup(Username username, boolean found, Optional<String> displayName, List<String> groups, Set<Role> roles,
                  Duration took, Optional<String> problem) {

        public Lookup {
            groups = List.copyOf(groups);
            roles = roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(roles));
        }
    }
}
