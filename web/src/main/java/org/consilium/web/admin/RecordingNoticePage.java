package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.consilium.application.recording.RecordingNotices;
import org.consilium.application.room.NoticeEditor;
import org.consilium.domain.recording.RecordingNotice;

/**
 * The recording notice, a form of the console's Recordings page: what everyone in a call
 * reads before they are recorded, and answers ({@link NoticeForm}). Administrators edit it;
 * auditors read the version in force (consent records name its version and SHA-256), and a
 * POST of theirs is refused by the container (web.xml) and by the use case.
 */
@Named("recordingNoticePage")
@RequestScoped
public class RecordingNoticePage extends NoticeForm<RecordingNotice> {

    static final String FIELD = "recordingNotice";

    @Inject
    RecordingNotices notices;

    public RecordingNoticePage() {
        super(FIELD, RecordingNotice.MAX_LENGTH);
    }

    @Override
    protected RecordingNotice current() {
        return notices.current(caller());
    }

    @Override
    protected NoticeEditor.Change<RecordingNotice> change(String text) {
        return notices.change(caller(), text);
    }

    @Override
    protected String savedSentence() {
        return "Recordings that start from now on ask everyone with it; those running keep the text they started with.";
    }
}
