package org.consilium.domain.room;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;

/** The demo directory's people, as the rules see them. */
final class RoomFixtures {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final StaffIdentity ANA = staff("aortiz", Role.CLINICIAN);
    static final StaffIdentity BEN = staff("bokafor", Role.CLINICIAN);
    static final StaffIdentity SAM = staff("srivera", Role.ADMIN);
    static final StaffIdentity LEE = staff("lchen", Role.AUDITOR);

    private RoomFixtures() {
    }

    static StaffIdentity staff(String username, Role... roles) {
        Set<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
        return new StaffIdentity(new Username(username), username, set);
    }

    static Room room(RoomKind kind) {
        return Room.create(RoomId.random(), new RoomName("Cardiology follow-up"), kind, ANA, true, NOW);
    }
}
