package org.consilium.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffIdentityTest {

    @Test
    void withoutADisplayNameTheLoginNameIsShown() {
        assertEquals("pdoe", new StaffIdentity(new Username("pdoe"), " ", Set.of()).displayName());
    }

    @Test
    void anIdentityWithNoMappedRoleMayNotUseTheApplication() {
        assertFalse(new StaffIdentity(new Username("pdoe"), "Pat Doe", Set.of()).hasAnyRole());
        assertTrue(new StaffIdentity(new Username("lchen"), "Lee Chen", Set.of(Role.AUDITOR)).has(Role.AUDITOR));
    }

    @Test
    void roleNamesRoundTrip() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.fromRoleName(role.roleName()).orElseThrow());
        }
        assertTrue(Role.fromRoleName("host").isEmpty(), "host is per room, not a directory role");
    }
}
