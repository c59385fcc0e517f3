package org.consilium.application.admin;

import java.util.Optional;
import org.consilium.domain.admin.RoleMapping;

/**
 * The group-to-role mapping the server's security domain applies at each sign-in on this
 * node (implemented by the WildFly module org.consilium.rolemapper).
 */
public interface RoleMappingInForce {

    /** The server configuration's mapping (first boot, Ansible). */
    RoleMapping configured();

    /** The replacement in force on this node, if any. */
    Optional<RoleMapping> replacement();

    /** Puts {@code replacement} in force on this node, or the configured mapping when empty. */
    void put(Optional<RoleMapping> replacement);
}
