package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/**
 * The hospital's privacy notice for guests: the version in force (shown on every join page)
 * and changing it (administrators, in the console's Room policies). A new text is a new
 * version; saving the same text again changes nothing. A change is audited as
 * {@code configuration-changed}, target {@value #TARGET}, with the version and SHA-256 before
 * and after ({@link NoticeEditor}).
 */
@Stateless
public class PrivacyNotices {

    /** The audit target of a change. */
    public static final String TARGET = "policy:privacy-notice";

    private static final NoticeEditor<PrivacyNotice> EDITOR = new NoticeEditor<>("privacy-notice", TARGET,
            "the privacy notice", PrivacyNotice::clean);

    @Inject
    PrivacyNoticeRepository repository;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    public PrivacyNotice current() {
        return repository.current();
    }

    /** Makes {@code text} the notice guests see from now on (administrators only). */
    public NoticeEditor.Change<PrivacyNotice> change(Caller caller, String text) {
        return EDITOR.change(caller, text, repository::current, repository::save, trail, clock);
    }
}
