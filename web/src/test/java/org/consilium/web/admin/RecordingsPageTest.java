package org.consilium.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consilium.application.recording.RecordingAdministration;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomKind;
import org.consilium.domain.room.VisitId;
import org.junit.jupiter.api.Test;

/** The Recordings page's rows: metadata in words, times local with UTC for the title. */
class RecordingsPageTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant STARTED = Instant.parse("2026-11-22T08:15:30Z");
    private static final UUID ROOM = UUID.fromString("6f1c1e36-1a57-4a1e-9d1e-0c3c2b1a0f00");

    @Test
    void aStoppedRecordingShowsItsLengthFilesConsentsAndWhenItIsShredded() {
        RecordingRepository.Stored stored = stored(STARTED.plus(Duration.ofMinutes(12).plusSeconds(5)), "stopped-by-host",
                false, null, List.of(track(1_250_000), track(3_400_000)),
                List.of(consent(ConsentDecision.GIVEN), consent(ConsentDecision.GIVEN), consent(ConsentDecision.DECLINED),
                        consent(ConsentDecision.WITHDRAWN)));
        RecordingsPage.Row row = RecordingsPage.Row.of(new RecordingAdministration.Listed(stored,
                Optional.of(Instant.parse("2026-12-22T08:27:35Z"))), BERLIN);
        assertEquals("2026-11-22 09:15", row.started(), "local time");
        assertEquals("2026-11-22 08:15:30 UTC", row.startedUtc());
        assertEquals("2026-11-22T08:15:30Z", row.startedIso());
        assertEquals("room:" + ROOM, row.room(), "the room's id, never its name");
        assertEquals("visit", row.roomKind());
        assertEquals("12 min 5 s", row.length());
        assertEquals("stopped by a host", row.stopReason());
        assertEquals("2 files, 4.7 MB", row.files());
        assertEquals("2 given / 1 declined / 1 withdrawn", row.consents());
        assertEquals("node-1", row.node());
        assertEquals("shredded on 2026-12-22", row.retention());
        assertFalse(row.legalHold());
        assertTrue(row.holdable());
        assertEquals("Hold", row.holdAction());
        assertFalse(row.shredded());
        assertEquals("", row.shreddedLocal());
    }

    @Test
    void runningKeptHeldAndShreddedRecordingsSaySo() {
        RecordingsPage.Row running = RecordingsPage.Row.of(new RecordingAdministration.Listed(
                stored(null, null, false, null, List.of(), List.of()), Optional.empty()), BERLIN);
        assertEquals("running", running.length());
        assertEquals("running", running.stopReason());
        assertEquals("running", running.retention());
        assertEquals("none", running.files());
        assertEquals("0 given / 0 declined / 0 withdrawn", running.consents());

        Instant stopped = STARTED.plus(Duration.ofHours(1).plusMinutes(2));
        RecordingsPage.Row kept = RecordingsPage.Row.of(new RecordingAdministration.Listed(
                stored(stopped, "call-ended", false, null, List.of(track(999)), List.of()), Optional.empty()), BERLIN);
        assertEquals("kept until deleted", kept.retention());
        assertEquals("1 h 2 min", kept.length());
        assertEquals("1 file, 999 bytes", kept.files());
        assertEquals("the call ended", kept.stopReason());

        RecordingsPage.Row held = RecordingsPage.Row.of(new RecordingAdministration.Listed(
                stored(stopped, "storage-full", true, null, List.of(), List.of()), Optional.of(stopped)), BERLIN);
        assertEquals("kept while on hold", held.retention());
        assertEquals("Release", held.holdAction());
        assertTrue(held.holdTitle().startsWith("Release recording "), held.holdTitle());

        Instant shreddedAt = Instant.parse("2026-12-23T00:30:00Z");
        RecordingsPage.Row shredded = RecordingsPage.Row.of(new RecordingAdministration.Listed(
                stored(stopped, "interrupted", false, shreddedAt, List.of(), List.of()), Optional.of(stopped)), BERLIN);
        assertEquals("shredded on 2026-12-23", shredded.retention());
        assertTrue(shredded.shredded());
        assertFalse(shredded.holdable(), "nothing left to hold");
        assertEquals("2026-12-23 01:30", shredded.shreddedLocal());
        assertEquals("2026-12-23 00:30:00 UTC", shredded.shreddedUtc());
        assertEquals("interrupted (its node stopped)", shredded.stopReason());
    }

    @Test
    void sizesAreInPowersOfAThousand() {
        assertEquals("0 bytes", RecordingsPage.Row.size(0));
        assertEquals("1.0 kB", RecordingsPage.Row.size(1000));
        assertEquals("2.1 GB", RecordingsPage.Row.size(2_140_000_000L));
        assertEquals("40 s", RecordingsPage.Row.length(Duration.ofSeconds(40)));
    }

    private static RecordingRepository.Stored stored(Instant stoppedAt, String reason, boolean hold, Instant shreddedAt,
                                                     List<RecordingRepository.Track> tracks,
                                                     List<RecordingRepository.Consent> consents) {
        return new RecordingRepository.Stored(RecordingId.random(), new RoomId(ROOM), RoomKind.VISIT,
                new VisitId(UUID.randomUUID()), STARTED, "aortiz", stoppedAt, reason, "node-1", hold, shreddedAt, tracks,
                consents);
    }

    private static RecordingRepository.Track track(long bytes) {
        return new RecordingRepository.Track("001-a.webm.csev", "a", "camera", STARTED, STARTED.plusSeconds(60), bytes,
                "0".repeat(64), true);
    }

    private static RecordingRepository.Consent consent(ConsentDecision decision) {
        return new RecordingRepository.Consent("p1", "aortiz", "Ana Ortiz", "owner", decision, 1, "0".repeat(64),
                STARTED);
    }
}
