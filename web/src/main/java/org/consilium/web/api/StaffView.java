package org.consilium.web.api;

import java.util.List;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;

/** The signed-in staff member as the API shows them. */
public record StaffView(String username, String displayName, List<String> roles) {

    static StaffView of(StaffIdentity identity) {
        return new StaffView(identity.username().value(), identity.displayName(),
                identity.roles().stream().map(Role::roleName).toList());
    }
}
