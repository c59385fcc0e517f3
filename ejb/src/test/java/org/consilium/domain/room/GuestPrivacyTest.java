package org.consilium.domain.room;

import static org.consilium.domain.room.RoomFixtures.ANA;
import static org.consilium.domain.room.RoomFixtures.BEN;
import static org.consilium.domain.room.RoomFixtures.NOW;
import static org.consilium.domain.room.RoomFixtures.SAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.consilium.domain.Username;
import org.junit.jupiter.api.Test;

/** What guests see of a room (its label, never its name) and the privacy notice they acknowledge. */
class GuestPrivacyTest {

    private static Room room(String name) {
        return Room.create(RoomId.random(), new RoomName(name), RoomKind.VISIT, ANA, true, NOW);
    }

    @Test
    void withoutALabelGuestsSeeAFixedDefaultThatNeverComesFromTheRoomOrItsOwner() {
        Room room = room("Follow-up J. Smith");
        assertEquals(Optional.empty(), room.guestLabel());
        assertEquals("Video visit", room.shownToGuests());
        assertEquals(GuestLabel.DEFAULT, room("Oncology, Mr. Jones").shownToGuests(), "the same for every room");
        assertFalse(room.shownToGuests().contains("Smith") || room.shownToGuests().contains("aortiz"));
    }

    @Test
    void theLabelItsHostsChooseIsWhatGuestsSeeAndItCanGoBackToTheDefault() {
        Room room = room("Follow-up J. Smith");
        assertTrue(room.labelForGuests(new GuestLabel("  Dr. Ortiz's clinic ")));
        assertEquals("Dr. Ortiz's clinic", room.shownToGuests(), "trimmed");
        assertFalse(room.labelForGuests(new GuestLabel("Dr. Ortiz's clinic")), "the same again changes nothing");
        assertTrue(room.labelForGuests(null));
        assertEquals("Video visit", room.shownToGuests());
    }

    @Test
    void aLabelIsOneTo80CharactersWithoutControlOrInvisibleFormattingCharacters() {
        assertEquals(80, new GuestLabel("x".repeat(80)).value().length());
        for (String bad : new String[] {null, "", "   ", "x".repeat(81), "Clinic\nAdmitted", "Clinic\u0007",
                "Clinic \u202Ecinilc", "Clinic\u2066x\u2069", "Clinic\uE000"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new GuestLabel(bad),
                    String.valueOf(bad));
            assertTrue(refused.getMessage().startsWith("The label for guests must"), refused.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GuestLabel("x".repeat(81))).getMessage()
                .contains("1 to 80 characters"));
        assertEquals("Ärztin Ünal · 皮膚科", new GuestLabel("Ärztin Ünal · 皮膚科").value(), "any script is fine");
    }

    @Test
    void theRoomsOwnNameIsRefusedAsItsLabelAndNothingChanges() {
        Room room = room("Follow-up J. Smith");
        room.labelForGuests(new GuestLabel("Dr. Ortiz's clinic"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> room.labelForGuests(new GuestLabel(" follow-up j. smith ")));
        assertTrue(refused.getMessage().contains("must not be the room's name"), refused.getMessage());
        assertEquals("Dr. Ortiz's clinic", room.shownToGuests(), "unchanged");
        assertThrows(IllegalArgumentException.class, () -> GuestLabel.forRoom("Follow-up J. Smith", "Follow-up J. Smith"));
    }

    @Test
    void onlyThoseWhoRunTheRoomChangeItsLabelAndNotOnceItIsClosed() {
        Room room = room("Dermatology 4");
        room.addHost(new Username("bokafor"));
        assertTrue(room.mayHaveGuestLabelChangedBy(ANA));
        assertTrue(room.mayHaveGuestLabelChangedBy(BEN));
        assertFalse(room.mayHaveGuestLabelChangedBy(SAM), "administrators run the system, not the room's visits");
        room.close(NOW);
        assertThrows(RoomRuleViolation.class, () -> room.labelForGuests(new GuestLabel("Skin clinic")));
    }

    @Test
    void theNoticeIsCleanedParagraphsKeptAndHashedOverItsText() {
        String cleaned = PrivacyNotice.clean("\r\n  First paragraph,\r\nsame paragraph.  \r\n\r\n\r\nSecond one.\t\n\n");
        assertEquals("First paragraph,\nsame paragraph.\n\n\nSecond one.", cleaned);
        PrivacyNotice notice = PrivacyNotice.of(2, cleaned, NOW, "srivera");
        assertEquals(List.of("First paragraph,\nsame paragraph.", "Second one."), notice.paragraphs());
        // sha256 -n "abc": a known vector, so the stored hash can be checked by anyone with the text
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PrivacyNotice.sha256("abc"));
        assertEquals(PrivacyNotice.sha256(cleaned), notice.sha256());
        assertNotEquals(notice.sha256(), PrivacyNotice.of(3, cleaned + "!", NOW, "srivera").sha256());
    }

    @Test
    void aNoticeThatWillNotDoSaysWhy() {
        for (String bad : new String[] {null, "", " \n\n ", "x".repeat(4001), "Notice\u0000", "Notice \u202Eeciton"}) {
            assertThrows(IllegalArgumentException.class, () -> PrivacyNotice.clean(bad), String.valueOf(bad));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PrivacyNotice.clean("")).getMessage()
                .contains("1 to 4000 characters"));
        assertEquals(4000, PrivacyNotice.clean("x".repeat(4000)).length());
    }

    @Test
    void theDefaultNoticeIsAValidNoticeOfTwoParagraphs() {
        assertEquals(PrivacyNotice.DEFAULT_TEXT, PrivacyNotice.clean(PrivacyNotice.DEFAULT_TEXT));
        assertEquals(2, PrivacyNotice.of(1, PrivacyNotice.DEFAULT_TEXT, NOW, "system").paragraphs().size());
    }

    @Test
    void anAcknowledgementGoesWithTheGuestAndOntoTheirStint() {
        PrivacyNotice notice = PrivacyNotice.of(3, "Our notice.", NOW, "srivera");
        Instant at = NOW.plusSeconds(5);
        Guest guest = new Guest(InvitationId.random(), RoomId.random(), new GuestName("Maria"))
                .acknowledging(NoticeAcknowledgement.of(notice, at));
        assertEquals(new NoticeAcknowledgement(3, notice.sha256(), at), guest.notice().orElseThrow());

        Room room = room("Follow-up J. Smith");
        Visit visit = room.startVisit(VisitId.random(), NOW);
        Participant stint = visit.join(guest.principalName(), "Maria", VisitRole.GUEST, NOW.plusSeconds(9));
        assertEquals(Optional.empty(), stint.notice());
        stint.acknowledged(guest.notice().orElseThrow());
        assertEquals(guest.notice(), stint.notice());
        assertThrows(IllegalArgumentException.class, () -> new NoticeAcknowledgement(0, notice.sha256(), at));
        assertThrows(IllegalArgumentException.class, () -> new NoticeAcknowledgement(1, "not-a-hash", at));
    }
}
