package org.consilium.domain.room;

import static org.consilium.domain.room.RoomFixtures.ANA;
import static org.consilium.domain.room.RoomFixtures.BEN;
import static org.consilium.domain.room.RoomFixtures.LEE;
import static org.consilium.domain.room.RoomFixtures.NOW;
import static org.consilium.domain.room.RoomFixtures.SAM;
import static org.consilium.domain.room.RoomFixtures.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.consilium.domain.Role;
import org.consilium.domain.Username;
import org.junit.jupiter.api.Test;

class RoomTest {

    private static final Username BEN_NAME = BEN.username();

    @Test
    void aNewRoomIsOpenOwnedByItsCreatorWithTheLobbyOnAndPlacesByKind() {
        Room room = room(RoomKind.CONSULT);

        assertTrue(room.isOpen());
        assertEquals(ANA.username(), room.owner());
        assertTrue(room.lobbyEnabled());
        assertFalse(room.isLocked());
        assertEquals(40, room.maxParticipants());
        assertEquals(4, room(RoomKind.VISIT).maxParticipants());
        assertEquals(8, room(RoomKind.BEDSIDE).maxParticipants());
        assertEquals(Set.of(), room.hosts());
        assertEquals(NOW, room.createdAt());
        assertEquals(Optional.empty(), room.closedAt());
    }

    @Test
    void cliniciansAndAdministratorsCreateRoomsAuditorsAndTheRolelessDoNot() {
        assertTrue(Room.mayBeCreatedBy(ANA));
        assertTrue(Room.mayBeCreatedBy(SAM));
        assertFalse(Room.mayBeCreatedBy(LEE));
        assertFalse(Room.mayBeCreatedBy(RoomFixtures.staff("pdoe")));
        assertThrows(RoomRuleViolation.class,
                () -> Room.create(RoomId.random(), new RoomName("x"), RoomKind.VISIT, LEE, true, NOW));
    }

    @Test
    void anotherClinicianNeitherSeesNorClosesNorInvitesUntilNamedHost() {
        Room room = room(RoomKind.VISIT);

        assertFalse(room.isVisibleTo(BEN));
        assertFalse(room.mayBeClosedBy(BEN));
        assertFalse(room.mayInviteGuests(BEN));
        assertFalse(room.mayHaveHostsChangedBy(BEN));
        assertEquals(Optional.empty(), room.roleOf(BEN_NAME));

        assertTrue(room.addHost(BEN_NAME));

        assertTrue(room.isVisibleTo(BEN));
        assertTrue(room.mayBeClosedBy(BEN));
        assertTrue(room.mayInviteGuests(BEN));
        assertFalse(room.mayHaveHostsChangedBy(BEN), "hosts do not name hosts; the owner does");
        assertEquals(Optional.of(VisitRole.HOST), room.roleOf(BEN_NAME));
        assertEquals(Optional.of(VisitRole.OWNER), room.roleOf(ANA.username()));
    }

    @Test
    void anInvitedColleagueSeesTheRoomListedButNotItsDetailsAndBecomesAHostWhenNamed() {
        Room room = room(RoomKind.VISIT);

        assertFalse(room.isListedFor(BEN));
        assertTrue(room.inviteColleague(BEN_NAME));
        assertFalse(room.inviteColleague(BEN_NAME), "invited already: nothing changes");
        assertFalse(room.inviteColleague(ANA.username()), "the owner runs the room; no invitation");
        assertTrue(room.isListedFor(BEN), "on Ben's home page");
        assertFalse(room.isVisibleTo(BEN), "its visits and details are for who runs it");
        assertFalse(room.mayInviteGuests(BEN));
        assertEquals(Optional.empty(), room.roleOf(BEN_NAME), "in a call Ben is staff: the lobby decides");
        assertEquals(Set.of(BEN_NAME.value()), room.colleagues());

        assertTrue(room.addHost(BEN_NAME));
        assertEquals(Set.of(), room.colleagues(), "a host is no longer only invited");
        assertTrue(room.isListedFor(BEN));

        room.removeHost(BEN_NAME);
        assertTrue(room.inviteColleague(BEN_NAME));
        assertTrue(room.withdrawColleague(BEN_NAME));
        assertFalse(room.withdrawColleague(BEN_NAME));
        assertFalse(room.isListedFor(BEN));
        room.close(NOW);
        assertThrows(RoomRuleViolation.class, () -> room.inviteColleague(BEN_NAME), "a closed room invites nobody");
    }

    @Test
    void aRoomInvitesAtMostSoManyColleagues() {
        Room room = room(RoomKind.CONSULT);
        for (int i = 0; i < Room.MAX_COLLEAGUES; i++) {
            assertTrue(room.inviteColleague(new Username("colleague" + i)));
        }
        RoomRuleViolation full = assertThrows(RoomRuleViolation.class, () -> room.inviteColleague(BEN_NAME));
        assertTrue(full.getMessage().contains("take back an invitation"), full.getMessage());
    }

    @Test
    void administratorsSeeCloseAndChangeHostsButDoNotInviteGuests() {
        Room room = room(RoomKind.VISIT);

        assertTrue(room.isVisibleTo(SAM));
        assertTrue(room.mayBeClosedBy(SAM));
        assertTrue(room.mayHaveHostsChangedBy(SAM));
        assertTrue(room.mayRevokeInvitationsBy(SAM));
        assertFalse(room.mayInviteGuests(SAM));
    }

    @Test
    void hostsAreNamedOnceTheOwnerIsNeverOneAndTheirNumberIsBoundedByThePlaces() {
        Room room = room(RoomKind.VISIT); // 4 places: the owner and at most 3 hosts

        assertTrue(room.addHost(new Username("BOkafor")));
        assertFalse(room.addHost(BEN_NAME), "usernames are case-insensitive: already a host");
        assertThrows(RoomRuleViolation.class, () -> room.addHost(ANA.username()));
        room.addHost(new Username("h2"));
        room.addHost(new Username("h3"));
        assertThrows(RoomRuleViolation.class, () -> room.addHost(new Username("h4")));
        assertEquals(Set.of("bokafor", "h2", "h3"), room.hosts());

        assertTrue(room.removeHost(BEN_NAME));
        assertFalse(room.removeHost(BEN_NAME));
        assertFalse(room.isVisibleTo(BEN));
    }

    @Test
    void aClosedRoomStaysClosedAndTakesNoChanges() {
        Room room = room(RoomKind.VISIT);
        Instant later = NOW.plusSeconds(3600);

        room.close(later);

        assertFalse(room.isOpen());
        assertEquals(RoomStatus.CLOSED, room.status());
        assertEquals(Optional.of(later), room.closedAt());
        assertThrows(RoomRuleViolation.class, () -> room.close(later));
        assertThrows(RoomRuleViolation.class, () -> room.addHost(BEN_NAME));
        assertThrows(RoomRuleViolation.class, () -> room.removeHost(BEN_NAME));
        assertThrows(RoomRuleViolation.class, () -> room.startVisit(VisitId.random(), later));
        assertThrows(RoomRuleViolation.class, room::lock);
        assertFalse(room.admits(VisitRole.OWNER));
    }

    @Test
    void closingWithAClockBehindTheCreationNeverClosesBeforeItWasMade() {
        Room room = room(RoomKind.VISIT);

        room.close(NOW.minusSeconds(5));

        assertEquals(Optional.of(NOW), room.closedAt());
    }

    @Test
    void aLockedRoomAdmitsOnlyItsOwnerAndHosts() {
        Room room = room(RoomKind.BEDSIDE);
        assertTrue(room.admits(VisitRole.GUEST));

        room.lock();

        assertTrue(room.admits(VisitRole.OWNER));
        assertTrue(room.admits(VisitRole.HOST));
        assertFalse(room.admits(VisitRole.PARTICIPANT));
        assertFalse(room.admits(VisitRole.GUEST));
        room.unlock();
        assertTrue(room.admits(VisitRole.GUEST));
    }

    @Test
    void kindsHaveTheirApiCodes() {
        assertEquals(Optional.of(RoomKind.BEDSIDE), RoomKind.fromCode("bedside"));
        assertEquals(Optional.empty(), RoomKind.fromCode("BEDSIDE"));
        assertEquals(Optional.empty(), RoomKind.fromCode("ward"));
    }

    @Test
    void anAdministratorWhoIsAlsoAClinicianIsBoth() {
        var both = RoomFixtures.staff("dual", Role.CLINICIAN, Role.ADMIN);
        assertTrue(Room.mayBeCreatedBy(both));
        assertTrue(room(RoomKind.VISIT).isVisibleTo(both));
    }
}
