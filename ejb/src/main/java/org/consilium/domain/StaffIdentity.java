package org.consilium.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is signed in, as the directory describes them: login name, display name and the
 * application roles their directory groups map to. An identity with no role is
 * authenticated but may not use Consilium.
 */
public record StaffIdentity(Username username, String displayName, Set<Role> roles) {

    public StaffIdentity {
        Objects.requireNonNull(username, "username");
        displayName = displayName == null || displayName.isBlank() ? username.value() : displayName.strip();
        roles = roles.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Role.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean hasAnyRole() {
        return !roles.isEmpty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
