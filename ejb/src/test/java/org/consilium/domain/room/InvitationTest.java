package org.consilium.domain.room;

import static org.consilium.domain.room.RoomFixtures.ANA;
import static org.consilium.domain.room.RoomFixtures.BEN;
import static org.consilium.domain.room.RoomFixtures.NOW;
import static org.consilium.domain.room.RoomFixtures.SAM;
import static org.consilium.domain.room.RoomFixtures.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private static final GuestName MARIA = new GuestName("Maria Gonzalez");

    @Test
    void anInvitationLastsItsLifetimeToTheSecondAndLetsAGuestIntoItsRoom() {
        Room room = room(RoomKind.VISIT);
        Instant now = NOW.plusMillis(700);
        Invitation invitation = Invitation.issue(InvitationId.random(), room, ANA, InvitationLifetime.byDefault(), false, now);

        assertEquals(NOW.plus(Duration.ofHours(24)), invitation.expiresAt());
        assertEquals(room.id(), invitation.roomId());
        assertEquals(ANA.username(), invitation.createdBy());
        assertEquals(Optional.empty(), invitation.refusalAt(now, room));

        Guest guest = invitation.redeem(MARIA, room, now);

        assertEquals(invitation.id(), guest.invitation());
        assertEquals(room.id(), guest.room());
        assertEquals("guest:" + invitation.id().value(), guest.principalName());
        assertEquals(MARIA, guest.name());
    }

    @Test
    void onlyTheOwnerAndHostsOfAnOpenRoomInvite() {
        Room room = room(RoomKind.VISIT);

        assertThrows(RoomRuleViolation.class, () -> issue(room, BEN, false));
        assertThrows(RoomRuleViolation.class, () -> issue(room, SAM, false));
        room.addHost(BEN.username());
        issue(room, BEN, false);
        room.close(NOW);
        assertThrows(RoomRuleViolation.class, () -> issue(room, ANA, false));
    }

    @Test
    void aSingleUseInvitationIsSpentByTheFirstGuestAnotherOneServesSeveral() {
        Room room = room(RoomKind.VISIT);
        Invitation once = issue(room, ANA, true);
        Invitation family = issue(room, ANA, false);

        once.redeem(MARIA, room, NOW);
        family.redeem(MARIA, room, NOW);
        family.redeem(new GuestName("Jorge Gonzalez"), room, NOW);

        assertEquals(Optional.of(InvitationRefusal.USED), once.refusalAt(NOW, room));
        assertThrows(RoomRuleViolation.class, () -> once.redeem(MARIA, room, NOW));
        assertEquals(2, family.useCount());
        assertEquals(Optional.of(NOW), family.firstUsedAt());
    }

    @Test
    void refusalsComeInOrderExpiredRevokedUsedRoomClosed() {
        Room room = room(RoomKind.VISIT);
        Invitation invitation = issue(room, ANA, true);
        Instant expiry = invitation.expiresAt();

        assertEquals(Optional.of(InvitationRefusal.EXPIRED), invitation.refusalAt(expiry, room));
        assertEquals(Optional.empty(), invitation.refusalAt(expiry.minusSeconds(1), room));

        invitation.redeem(MARIA, room, NOW);
        assertEquals(Optional.of(InvitationRefusal.USED), invitation.refusalAt(NOW, room));

        assertTrue(invitation.revoke(ANA.username(), NOW));
        assertFalse(invitation.revoke(ANA.username(), NOW), "revoking twice changes nothing");
        assertTrue(invitation.isRevoked());
        assertEquals(Optional.of(InvitationRefusal.REVOKED), invitation.refusalAt(NOW, room));
        assertEquals(Optional.of(InvitationRefusal.EXPIRED), invitation.refusalAt(expiry, room));
    }

    @Test
    void aClosedRoomRefusesItsInvitations() {
        Room room = room(RoomKind.VISIT);
        Invitation invitation = issue(room, ANA, false);

        room.close(NOW);

        assertEquals(Optional.of(InvitationRefusal.ROOM_CLOSED), invitation.refusalAt(NOW, room));
        assertEquals(Optional.of(InvitationRefusal.ROOM_CLOSED), invitation.refusalAt(NOW, null));
        assertEquals(Optional.of(InvitationRefusal.ROOM_CLOSED), invitation.refusalAt(NOW, room(RoomKind.VISIT)),
                "another room is not this invitation's room");
    }

    @Test
    void aLifetimeIsAMinuteToAWeek() {
        assertEquals(Duration.ofHours(24), InvitationLifetime.byDefault().value());
        InvitationLifetime.ofMinutes(1);
        InvitationLifetime.ofMinutes(7 * 24 * 60);
        assertThrows(IllegalArgumentException.class, () -> InvitationLifetime.ofMinutes(0));
        assertThrows(IllegalArgumentException.class, () -> InvitationLifetime.ofMinutes(7 * 24 * 60 + 1));
        assertThrows(IllegalArgumentException.class, () -> new InvitationLifetime(Duration.ofSeconds(59)));
    }

    @Test
    void theTokenCarriesTheInvitationItsRoomAndItsExpiry() {
        Room room = room(RoomKind.VISIT);
        Invitation invitation = issue(room, ANA, false);

        InvitationToken token = invitation.token();

        assertEquals(new InvitationToken(invitation.id(), room.id(), invitation.expiresAt()), token);
    }

    @Test
    void everyRefusalHasItsOwnCodeAndPlainWords() {
        assertEquals(InvitationRefusal.values().length,
                java.util.Arrays.stream(InvitationRefusal.values()).map(InvitationRefusal::code).distinct().count());
        for (InvitationRefusal refusal : InvitationRefusal.values()) {
            assertTrue(refusal.code().matches("[a-z]+(-[a-z]+)*"), refusal.code());
            assertFalse(refusal.title().isBlank());
            assertTrue(refusal.explanation().endsWith("."), refusal.explanation());
            assertFalse(refusal.explanation().toLowerCase().contains("exception"));
        }
    }

    private static Invitation issue(Room room, org.consilium.domain.StaffIdentity by, boolean singleUse) {
        return Invitation.issue(InvitationId.random(), room, by, InvitationLifetime.byDefault(), singleUse, NOW);
    }
}
