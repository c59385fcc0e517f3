package org.consilium.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consilium.domain.Role;
import org.junit.jupiter.api.Test;

class RoleMappingTest {

    private static RoleMapping.Draft line(String group, Role... roles) {
        return new RoleMapping.Draft(group, roles.length == 0 ? Set.of() : Set.of(roles));
    }

    @Test
    void emptyLinesAreIgnoredAndALineWithNoRoleIsRemoved() {
        RoleMapping.Checked checked = RoleMapping.check(List.of(line("Consilium Administrators", Role.ADMIN),
                line("Old Group"), line("  "), line(null)));
        assertEquals(Map.of(), checked.problems());
        assertEquals(List.of(new GroupRoles("Consilium Administrators", Set.of(Role.ADMIN))),
                checked.mapping().orElseThrow().lines());
    }

    @Test
    void eachBadLineIsNamedAndNothingIsAccepted() {
        RoleMapping.Checked checked = RoleMapping.check(List.of(line("Admins", Role.ADMIN), line("", Role.CLINICIAN),
                line("ADMINS", Role.AUDITOR), line("a".repeat(257), Role.CLINICIAN), line("Tab\there", Role.CLINICIAN)));
        assertTrue(checked.mapping().isEmpty());
        assertEquals(Set.of(1, 2, 3, 4), checked.problems().keySet());
        assertTrue(checked.problems().get(2).contains("line 1"), checked.problems().get(2));
    }

    @Test
    void someGroupMustStillGrantAdmin() {
        RoleMapping.Checked checked = RoleMapping.check(List.of(line("Clinicians", Role.CLINICIAN),
                line("Admins")));
        assertTrue(checked.mapping().isEmpty());
        assertTrue(checked.problems().get(RoleMapping.WHOLE).contains("admin"));
    }

    @Test
    void tooManyGroupsAreRefused() {
        List<RoleMapping.Draft> drafts = new java.util.ArrayList<>();
        for (int i = 0; i <= RoleMapping.MAX_LINES; i++) {
            drafts.add(line("Group " + i, Role.ADMIN));
        }
        assertTrue(RoleMapping.check(drafts).problems().containsKey(RoleMapping.WHOLE));
    }

    @Test
    void rolesOfGroupsIgnoreCaseAndUnmappedGroups() {
        RoleMapping mapping = RoleMapping.check(List.of(line("Admins", Role.ADMIN, Role.AUDITOR),
                line("Ward 7", Role.CLINICIAN))).mapping().orElseThrow();
        assertEquals(Set.of(Role.ADMIN, Role.AUDITOR, Role.CLINICIAN), mapping.rolesOf(List.of("admins", "WARD 7", "Printers")));
        assertEquals(Set.of(), mapping.rolesOf(List.of("Printers")));
    }

    @Test
    void storedTextGivesTheSameMappingBack() {
        RoleMapping mapping = RoleMapping.check(List.of(line("Admins = IT", Role.ADMIN, Role.AUDITOR),
                line("Ward 7, ICU", Role.CLINICIAN))).mapping().orElseThrow();
        assertEquals(mapping, RoleMapping.fromText(mapping.toText()));
        assertEquals(mapping, RoleMapping.ofRoleNames(mapping.asRoleNames()));
    }
}
