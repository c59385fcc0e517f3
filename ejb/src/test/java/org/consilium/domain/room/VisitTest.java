package org.consilium.domain.room;

import static org.consilium.domain.room.RoomFixtures.NOW;
import static org.consilium.domain.room.RoomFixtures.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VisitTest {

    private static final Instant T1 = NOW.plusSeconds(60);
    private static final Instant T2 = NOW.plusSeconds(120);
    private static final Instant T3 = NOW.plusSeconds(180);

    @Test
    void aVisitRecordsWhoCameAsWhatAndWhenTheyCameAndWent() {
        Room room = room(RoomKind.VISIT);
        Visit visit = room.startVisit(VisitId.random(), NOW);

        visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, NOW);
        visit.join("guest:1", "Maria", VisitRole.GUEST, T1);
        Participant left = visit.leave("guest:1", T2);
        visit.end(T3);

        assertEquals(room.id(), visit.roomId());
        assertEquals(NOW, visit.startedAt());
        assertEquals(Optional.of(T3), visit.endedAt());
        assertEquals(Optional.of(Duration.ofMinutes(3)), visit.duration());
        List<Participant> all = visit.participants();
        assertEquals(List.of("aortiz", "guest:1"), all.stream().map(Participant::principal).toList());
        assertEquals(List.of(VisitRole.OWNER, VisitRole.GUEST), all.stream().map(Participant::role).toList());
        assertEquals("Maria", all.get(1).displayName());
        assertEquals(T1, left.joinedAt());
        assertEquals(Optional.of(T2), left.leftAt());
        assertEquals(Optional.of(T3), all.get(0).leftAt(), "ending the visit makes everyone still in it leave");
        assertTrue(visit.isEmpty());
    }

    @Test
    void aStintStartsWithVideoAndKeepsEachChangeOfModalityForTheBill() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), NOW);
        Participant ana = visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, NOW);
        assertEquals(Modality.VIDEO, ana.modality());

        visit.modalityChanged("aortiz", Modality.AUDIO_ONLY, T1);
        visit.modalityChanged("aortiz", Modality.AUDIO_ONLY, T2); // the same again: no change
        visit.modalityChanged("aortiz", Modality.VIDEO, T1.minusSeconds(5)); // a clock that stepped back
        visit.modalityChanged("nobody", Modality.AUDIO_ONLY, T2);

        assertEquals(List.of(Modality.AUDIO_ONLY, Modality.VIDEO), ana.modalityChanges().stream().map(ModalityChange::modality).toList());
        assertEquals(List.of(T1, T1), ana.modalityChanges().stream().map(ModalityChange::at).toList(),
                "never before the change before it");
        visit.leave("aortiz", T2);
        visit.modalityChanged("aortiz", Modality.AUDIO_ONLY, T3);
        assertEquals(2, ana.modalityChanges().size(), "news after the leave changes nothing");
        visit.end(T3);
        visit.modalityChanged("aortiz", Modality.AUDIO_ONLY, T3);
    }

    @Test
    void someoneAlreadyInCannotJoinAgainButCanComeBackAfterLeavingAsANewStint() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), NOW);
        visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, NOW);

        assertThrows(RoomRuleViolation.class, () -> visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, T1));
        visit.leave("aortiz", T1);
        visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, T2);

        assertEquals(2, visit.participants().size());
        assertEquals(1, visit.present().size());
        assertEquals(T2, visit.present().get(0).joinedAt());
    }

    @Test
    void aVisitHoldsNoMorePeopleAtOnceThanItsRoomsKindAllows() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), NOW);
        for (int i = 0; i < 4; i++) {
            visit.join("p" + i, "P " + i, VisitRole.PARTICIPANT, NOW);
        }

        RoomRuleViolation full = assertThrows(RoomRuleViolation.class,
                () -> visit.join("p4", "P 4", VisitRole.GUEST, T1));
        assertTrue(full.getMessage().contains("at most 4"), full.getMessage());

        visit.leave("p0", T1);
        visit.join("p4", "P 4", VisitRole.GUEST, T2); // a place came free
        assertEquals(4, visit.present().size());
    }

    @Test
    void onlySomeoneInTheVisitCanLeaveIt() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), NOW);

        assertThrows(RoomRuleViolation.class, () -> visit.leave("nobody", T1));
    }

    @Test
    void anEndedVisitTakesNoOneAndCannotEndTwice() {
        Visit visit = room(RoomKind.CONSULT).startVisit(VisitId.random(), NOW);
        visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, NOW);
        visit.end(T1);

        assertTrue(visit.isEnded());
        assertThrows(RoomRuleViolation.class, () -> visit.join("bokafor", "Ben", VisitRole.HOST, T2));
        assertThrows(RoomRuleViolation.class, () -> visit.leave("aortiz", T2));
        assertThrows(RoomRuleViolation.class, () -> visit.end(T2));
    }

    @Test
    void aClockThatStepsBackNeverPutsAnythingBeforeTheStart() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), T2);

        Participant stint = visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, T1);
        visit.end(NOW);

        assertEquals(T2, stint.joinedAt());
        assertEquals(Optional.of(T2), stint.leftAt());
        assertEquals(Optional.of(Duration.ZERO), visit.duration());
    }

    @Test
    void aBlankDisplayNameFallsBackToThePrincipalAndALongOneIsCut() {
        Visit visit = room(RoomKind.CONSULT).startVisit(VisitId.random(), NOW);

        assertEquals("aortiz", visit.join("aortiz", " ", VisitRole.OWNER, NOW).displayName());
        assertEquals(256, visit.join("long", "x".repeat(300), VisitRole.PARTICIPANT, NOW).displayName().length());
        assertThrows(IllegalArgumentException.class, () -> visit.join(" ", "x", VisitRole.PARTICIPANT, NOW));
    }

    @Test
    void theVisitKeepsThePlacesItStartedWith() {
        Room room = room(RoomKind.BEDSIDE);
        Visit visit = room.startVisit(VisitId.random(), NOW);

        assertEquals(8, visit.maxParticipants());
        assertFalse(visit.isEnded());
        assertEquals(Optional.empty(), visit.duration());
    }

    @Test
    void theLastRecordedMomentIsTheLatestJoinOrLeaveOrElseTheStart() {
        Visit visit = room(RoomKind.VISIT).startVisit(VisitId.random(), NOW);
        assertEquals(NOW, visit.lastRecordedMoment());

        visit.join("aortiz", "Ana Ortiz", VisitRole.OWNER, T1);
        visit.join("guest:1", "Maria", VisitRole.GUEST, T1);
        visit.leave("guest:1", T2);
        assertEquals(T2, visit.lastRecordedMoment(), "a crash after that leave: the record ends there");

        visit.end(T3);
        assertEquals(T3, visit.lastRecordedMoment());
    }
}
