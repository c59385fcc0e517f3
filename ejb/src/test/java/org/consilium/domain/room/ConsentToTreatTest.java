package org.consilium.domain.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The consent to treat (REQUIREMENTS D5): its default, its versions, a guest's agreement and the identity check. */
class ConsentToTreatTest {

    private static final Instant NOW = Instant.parse("2026-12-08T09:00:00Z");

    private static Room room() {
        return Room.create(RoomId.random(), new RoomName("Clinic"), RoomKind.VISIT, RoomFixtures.ANA, true, NOW);
    }

    @Test
    void theDefaultSaysWhatAVideoVisitCannotDoAndThatThePatientMayWithdraw() {
        assertEquals(ConsentToTreat.DEFAULT_TEXT, ConsentToTreat.clean(ConsentToTreat.DEFAULT_TEXT), "stored as it is");
        ConsentToTreat first = ConsentToTreat.of(1, ConsentToTreat.DEFAULT_TEXT, NOW, "system");
        assertEquals(3, first.paragraphs().size());
        String text = first.text();
        assertTrue(text.contains("cannot examine you physically"), text);
        assertTrue(text.contains("connection may fail"), text);
        assertTrue(text.contains("ask you to come in person"), text);
        assertTrue(text.contains("withdraw"), text);
        assertEquals(VersionedNotice.sha256(text), first.sha256());
    }

    @Test
    void aTextIsCleanedOrRefusedWithASentenceNamingIt() {
        assertEquals("One.\n\nTwo.", ConsentToTreat.clean("\r\n One.  \r\n\r\nTwo.\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsentToTreat.clean(" ")).getMessage()
                .startsWith("The consent to treat must have 1 to 4000 characters"));
        assertThrows(IllegalArgumentException.class, () -> ConsentToTreat.clean("x".repeat(4001)));
        assertThrows(IllegalArgumentException.class, () -> ConsentToTreat.clean("agree\u202e"));
        assertThrows(IllegalArgumentException.class, () -> ConsentToTreat.of(0, "x", NOW, "srivera"));
    }

    @Test
    void aGuestsAgreementGoesWithThemToTheirStintNextToThePrivacyNotice() {
        ConsentToTreat consent = ConsentToTreat.of(2, "Our consent.", NOW, "srivera");
        PrivacyNotice notice = PrivacyNotice.of(1, "Our notice.", NOW, "system");
        Guest guest = new Guest(InvitationId.random(), RoomId.random(), new GuestName("Maria"))
                .consenting(NoticeAcknowledgement.of(consent, NOW)).acknowledging(NoticeAcknowledgement.of(notice, NOW));
        assertEquals(new NoticeAcknowledgement(2, consent.sha256(), NOW), guest.consent().orElseThrow(),
                "acknowledging the notice afterwards keeps the agreement");
        assertEquals(1, guest.notice().orElseThrow().version());

        Visit visit = room().startVisit(VisitId.random(), NOW);
        Participant stint = visit.join(guest.principalName(), "Maria", VisitRole.GUEST, NOW);
        assertEquals(Optional.empty(), stint.consent());
        stint.consented(guest.consent().orElseThrow());
        assertEquals(guest.consent(), stint.consent());
    }

    @Test
    void anIdentityCheckIsKeptWithTheStintOfWhoeverIsPresentAndNotAfterTheEnd() {
        Visit visit = room().startVisit(VisitId.random(), NOW);
        Participant stint = visit.join("guest:1", "Maria", VisitRole.GUEST, NOW);
        visit.identityConfirmed("guest:1", new IdentityCheck(IdentityMethod.PHOTO_ID, "aortiz", NOW.plusSeconds(30)));
        visit.identityConfirmed("guest:nobody", new IdentityCheck(IdentityMethod.KNOWN_PATIENT, "aortiz", NOW));
        assertEquals(1, stint.identityChecks().size());
        assertEquals("aortiz", stint.identityChecks().get(0).confirmedBy());
        assertEquals(IdentityMethod.PHOTO_ID, stint.identityChecks().get(0).method());
        visit.end(NOW.plusSeconds(60));
        visit.identityConfirmed("guest:1", new IdentityCheck(IdentityMethod.KNOWN_PATIENT, "aortiz", NOW.plusSeconds(90)));
        assertEquals(1, stint.identityChecks().size(), "an ended visit takes no more");
        assertEquals(Optional.of(IdentityMethod.TWO_IDENTIFIERS), IdentityMethod.ofCode("two-identifiers"));
        assertFalse(IdentityMethod.ofCode("PHOTO_ID").isPresent(), "codes only, as signaling writes them");
    }
}
