package org.consilium.domain.admin;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.consilium.domain.Role;

/** One line of the group-to-role mapping: a directory group and the roles it grants. */
public record GroupRoles(String group, Set<Role> roles) {

    public GroupRoles {
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public boolean grants(Role role) {
        return roles.contains(role);
    }

    /** "clinician, admin": role names in their fixed order. */
    public String joinedRoles() {
        return roles.stream().map(Role::roleName).collect(Collectors.joining(", "));
    }
}
