package org.consilium.rolemapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wildfly.security.authz.RoleMapper;
import org.wildfly.security.authz.Roles;

/**
 * Elytron's role mapper for the security domain: the identity's decoded roles are its
 * directory groups; the result is the Consilium roles those groups grant under
 * {@link GroupRoleTable#inForce()}. Groups that are not mapped grant nothing.
 *
 * <p>Configured in {@code 30-security.cli} as a {@code custom-role-mapper}; its
 * {@code configuration} maps a group name to a comma-separated list of roles.
 */
public final class GroupRoleMapper implements RoleMapper {

    /** Called by the server with the custom-role-mapper's {@code configuration}. */
    public void initialize(Map<String, String> configuration) {
        Map<String, List<String>> mapping = new LinkedHashMap<>();
        configuration.forEach((group, roles) -> mapping.put(group, split(roles)));
        GroupRoleTable.configure(mapping);
    }

    @Override
    public Roles mapRoles(Roles groups) {
        return Roles.fromSet(GroupRoleTable.rolesOf(groups));
    }

    static List<String> split(String roles) {
        List<String> names = new ArrayList<>();
        for (String name : roles.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
