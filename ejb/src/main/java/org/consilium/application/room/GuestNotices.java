package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.ConsentToTreatRepository;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/**
 * The texts every guest's join page shows and the guest ticks before the lobby: the hospital's
 * privacy notice and its consent to treatment by video (REQUIREMENTS D5). Each has a version in
 * force and is changed by administrators in the console's Room policies; a new text is a new
 * version, saving the same text again changes nothing. A change is audited as
 * {@code configuration-changed}, target {@value #PRIVACY_NOTICE} or {@value #CONSENT_TO_TREAT},
 * with the version and SHA-256 before and after ({@link NoticeEditor}).
 */
@Stateless
public class GuestNotices {

    /** The audit target of a change of the privacy notice. */
    public static final String PRIVACY_NOTICE = "policy:privacy-notice";
    /** The audit target of a change of the consent to treat. */
    public static final String CONSENT_TO_TREAT = "policy:consent-to-treat";

    private static final NoticeEditor<PrivacyNotice> PRIVACY_EDITOR = new NoticeEditor<>("privacy-notice",
            PRIVACY_NOTICE, "the privacy notice", PrivacyNotice::clean);
    private static final NoticeEditor<ConsentToTreat> CONSENT_EDITOR = new NoticeEditor<>("consent-to-treat",
            CONSENT_TO_TREAT, "the consent to treat", ConsentToTreat::clean);

    @Inject
    PrivacyNoticeRepository privacyNotices;

    @Inject
    ConsentToTreatRepository consents;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    public PrivacyNotice privacyNotice() {
        return privacyNotices.current();
    }

    /** Makes {@code text} the notice guests see from now on (administrators only). */
    public NoticeEditor.Change<PrivacyNotice> changePrivacyNotice(Caller caller, String text) {
        return PRIVACY_EDITOR.change(caller, text, privacyNotices::current, privacyNotices::save, trail, clock);
    }

    public ConsentToTreat consentToTreat() {
        return consents.current();
    }

    /** Makes {@code text} the consent guests agree to from now on (administrators only). */
    public NoticeEditor.Change<ConsentToTreat> changeConsentToTreat(Caller caller, String text) {
        return CONSENT_EDITOR.change(caller, text, consents::current, consents::save, trail, clock);
    }
}
