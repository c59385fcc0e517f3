package org.consilium.infrastructure.directory;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.consilium.application.admin.RoleMappingInForce;
import org.consilium.domain.admin.RoleMapping;
import org.consilium.rolemapper.GroupRoleTable;

/**
 * {@link RoleMappingInForce} through the security domain's role mapper (the module
 * org.consilium.rolemapper, imported by jboss-deployment-structure.xml). Only JDK types
 * cross into the module, so no class of this deployment outlives it there.
 */
@ApplicationScoped
public class ModuleRoleMapping implements RoleMappingInForce {

    @Override
    public RoleMapping configured() {
        // The server hands the configuration over in no particular order: show it by name.
        java.util.Map<String, java.util.Set<String>> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(GroupRoleTable.configured());
        return RoleMapping.ofRoleNames(byName);
    }

    @Override
    public Optional<RoleMapping> replacement() {
        return GroupRoleTable.replacement().map(RoleMapping::ofRoleNames);
    }

    @Override
    public void put(Optional<RoleMapping> replacement) {
        if (replacement.isPresent()) {
            GroupRoleTable.replace(replacement.get().asRoleNames());
        } else {
            GroupRoleTable.withdraw();
        }
    }
}
