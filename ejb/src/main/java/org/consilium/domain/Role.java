package org.consilium.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Application-wide roles. The names are the contract with the server configuration:
 * directory groups are mapped onto exactly these names by Elytron. The per-room role
 * {@code host} is not here; it belongs to a room, not to a person.
 */
public enum Role {
    CLINICIAN("clinician"),
    ADMIN("admin"),
    AUDITOR("auditor");

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    /** The name used in security constraints, {@code @RolesAllowed} and the role mapper. */
    public String roleName() {
        return roleName;
    }

    public static Optional<Role> fromRoleName(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst();
    }
}
