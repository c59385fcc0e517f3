package org.consilium.rolemapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wildfly.security.authz.Roles;

class GroupRoleMapperTest {

    private final GroupRoleMapper mapper = new GroupRoleMapper();

    @BeforeEach
    void configure() {
        mapper.initialize(Map.of("Consilium Clinicians", "clinician", "Consilium Administrators", "admin, auditor ,",
                "Consilium Auditors", "auditor"));
    }

    @AfterEach
    void withdraw() {
        GroupRoleTable.withdraw();
    }

    @Test
    void configuredGroupsGrantTheirRolesAndOtherGroupsNothing() {
        assertEquals(Set.of("admin", "auditor"), roles("Consilium Administrators", "Printers"));
        assertEquals(Set.of(), roles("Printers", "Everyone"));
        assertEquals(Set.of("clinician", "auditor"), roles("Consilium Clinicians", "Consilium Auditors"));
    }

    @Test
    void groupNamesCompareWithoutCaseAsDirectoriesDo() {
        assertEquals(Set.of("clinician"), roles("consilium CLINICIANS"));
    }

    @Test
    void aReplacementWinsUntilWithdrawn() {
        GroupRoleTable.replace(Map.of("Tumor Board", List.of("clinician")));
        assertEquals(Set.of(), roles("Consilium Administrators"));
        assertEquals(Set.of("clinician"), roles("Tumor Board"));
        assertTrue(GroupRoleTable.replacement().isPresent());

        GroupRoleTable.withdraw();
        assertEquals(Set.of("admin", "auditor"), roles("Consilium Administrators"));
        assertEquals(Set.of(), roles("Tumor Board"));
    }

    @Test
    void theSnapshotInForceCannotBeChangedFromOutside() {
        Map<String, List<String>> mapping = new java.util.HashMap<>(Map.of("A", List.of("admin")));
        GroupRoleTable.replace(mapping);
        mapping.put("B", List.of("admin"));
        assertEquals(Set.of(), roles("B"));
    }

    private Set<String> roles(String... groups) {
        Roles mapped = mapper.mapRoles(Roles.fromSet(new HashSet<>(List.of(groups))));
        Set<String> names = new HashSet<>();
        mapped.forEach(names::add);
        return names;
    }
}
