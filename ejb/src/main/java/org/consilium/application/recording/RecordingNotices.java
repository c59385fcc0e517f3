package org.consilium.application.recording;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.room.NoticeEditor;
import org.consilium.domain.Role;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingRepository;

/**
 * The text everyone in a call reads before they are recorded, and answers: the version in
 * force (administrators and auditors read it in the console's Recordings page: consent
 * records name its version and SHA-256) and changing it (administrators). A new text is a new
 * version, which the next question asked in a call shows; saving the same text again changes
 * nothing. A change is audited as {@code configuration-changed}, target {@value #TARGET}, with
 * the version and SHA-256 before and after ({@link NoticeEditor}).
 */
@Stateless
public class RecordingNotices {

    /** The audit target of a change. */
    public static final String TARGET = "policy:recording-notice";

    private static final NoticeEditor<RecordingNotice> EDITOR = new NoticeEditor<>("recording-notice", TARGET,
            "the recording notice", RecordingNotice::clean);

    @Inject
    RecordingRepository recordings;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    /** The version in force (administrators and auditors: the console shows it; the calls read the repository). */
    public RecordingNotice current(Caller caller) {
        if (!caller.identity().has(Role.ADMIN) && !caller.identity().has(Role.AUDITOR)) {
            throw new SecurityException("Only administrators and auditors read the recording notice here.");
        }
        return recordings.currentNotice();
    }

    /** Makes {@code text} what participants read before they are recorded, from the next question on (administrators only). */
    public NoticeEditor.Change<RecordingNotice> change(Caller caller, String text) {
        return EDITOR.change(caller, text, recordings::currentNotice, recordings::saveNotice,
                trail, clock);
    }
}
