package org.consilium.application;

import java.util.List;
import java.util.Objects;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;

/**
 * Who asks for a use case, as the audit trail needs them: the signed-in staff member and
 * the address they came from (null for the server's own work).
 */
public record Caller(StaffIdentity identity, String clientAddress) {

    public Caller {
        Objects.requireNonNull(identity, "identity");
    }

    public String username() {
        return identity.username().value();
    }

    /** Role names, sorted, as audit events list them. */
    public List<String> roleNames() {
        return identity.roles().stream().map(Role::roleName).sorted().toList();
    }
}
