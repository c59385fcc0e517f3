package org.consilium.application.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.recording.RecordingNotice;
import org.junit.jupiter.api.Test;

/** Changing a versioned notice, as the recording notice and the privacy notice both do. */
class NoticeEditorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.123456789Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Caller ADMIN = caller("srivera", Role.ADMIN);
    private static final Caller AUDITOR = caller("lchen", Role.AUDITOR);

    private final NoticeEditor<RecordingNotice> editor = new NoticeEditor<>("recording-notice",
            "policy:recording-notice", "the recording notice", RecordingNotice::clean);
    private final List<RecordingNotice> versions = new ArrayList<>(List.of(
            RecordingNotice.of(1, RecordingNotice.DEFAULT_TEXT, Instant.EPOCH, "system")));
    private final List<AuditEvent> events = new ArrayList<>();
    private final AuditTrail trail = new AuditTrail(null, null, null) {
        @Override
        public AuditRecord record(AuditEvent event) {
            events.add(event);
            return null;
        }
    };

    @Test
    void aNewTextIsANewVersionAuditedWithVersionAndHashBeforeAndAfter() {
        NoticeEditor.Change<RecordingNotice> change = change(ADMIN, "  Our own text.\r\n\r\nSecond paragraph.  \n");
        assertTrue(change.newVersion());
        assertNull(change.problem());
        RecordingNotice saved = change.inForce();
        assertEquals(2, saved.version());
        assertEquals("Our own text.\n\nSecond paragraph.", saved.text(), "cleaned as stored");
        assertEquals(List.of("Our own text.", "Second paragraph."), saved.paragraphs());
        assertEquals("srivera", saved.changedBy());
        assertEquals(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS), saved.changedAt(), "as the database keeps it");
        assertEquals(1, events.size());
        AuditEvent event = events.get(0);
        assertEquals("configuration-changed", event.action().code());
        assertEquals("policy:recording-notice", event.target());
        assertEquals("recording-notice", event.details().get("changed"));
        assertEquals("version=1; sha256=" + versions.get(0).sha256(), event.details().get("before"));
        assertEquals("version=2; sha256=" + saved.sha256(), event.details().get("after"));
    }

    @Test
    void theSameTextAgainChangesNothingAndIsNotAudited() {
        NoticeEditor.Change<RecordingNotice> change = change(ADMIN, RecordingNotice.DEFAULT_TEXT + "\n\n");
        assertFalse(change.newVersion());
        assertNull(change.problem());
        assertEquals(1, change.inForce().version());
        assertEquals(1, versions.size());
        assertEquals(List.of(), events);
    }

    @Test
    void aTextThatWillNotDoSaysWhyAndChangesNothing() {
        assertEquals("The recording notice must have 1 to 4000 characters.", change(ADMIN, " \n ").problem());
        assertEquals("The recording notice must have 1 to 4000 characters.", change(ADMIN, "x".repeat(4001)).problem());
        assertEquals("The recording notice must not contain control or invisible formatting characters (line breaks "
                + "are fine).", change(ADMIN, "A \u202Ehidden\u202C turn").problem());
        assertEquals(1, versions.size());
        assertEquals(List.of(), events);
    }

    @Test
    void anAuditorIsRefusedAndTheRefusalAudited() {
        NoticeEditor.Change<RecordingNotice> change = change(AUDITOR, "Something else.");
        assertTrue(change.refused());
        assertEquals("Only administrators change the recording notice.", change.problem());
        assertEquals(1, versions.size());
        assertEquals(1, events.size());
        assertEquals("access-denied", events.get(0).action().code());
        assertEquals("denied", events.get(0).outcome().code());
        assertEquals("configuration-changed", events.get(0).details().get("attempted"));
    }

    private NoticeEditor.Change<RecordingNotice> change(Caller caller, String text) {
        return editor.change(caller, text, () -> versions.get(versions.size() - 1), (cleaned, by, at) -> {
            RecordingNotice latest = versions.get(versions.size() - 1);
            if (latest.text().equals(cleaned)) {
                return latest;
            }
            RecordingNotice next = RecordingNotice.of(latest.version() + 1, cleaned, at, by);
            versions.add(next);
            return next;
        }, trail, CLOCK);
    }

    private static Caller caller(String username, Role role) {
        return new Caller(new StaffIdentity(new Username(username), username, Set.of(role)), "10.0.0.5");
    }
}
