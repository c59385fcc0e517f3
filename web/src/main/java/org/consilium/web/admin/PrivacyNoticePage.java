package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.consilium.application.room.GuestNotices;
import org.consilium.application.room.NoticeEditor;
import org.consilium.domain.room.PrivacyNotice;

/**
 * The privacy notice for guests, a form of the console's Room policies page (administrators
 * only, web.xml): the text every guest's join page shows and the guest acknowledges
 * ({@link NoticeForm}).
 */
@Named("privacyNoticePage")
@RequestScoped
public class PrivacyNoticePage extends NoticeForm<PrivacyNotice> {

    static final String FIELD = "privacyNotice";

    @Inject
    GuestNotices notices;

    public PrivacyNoticePage() {
        super(FIELD, PrivacyNotice.MAX_LENGTH);
    }

    @Override
    protected PrivacyNotice current() {
        return notices.privacyNotice();
    }

    @Override
    protected NoticeEditor.Change<PrivacyNotice> change(String text) {
        return notices.changePrivacyNotice(caller(), text);
    }

    @Override
    protected String savedSentence() {
        return "Guests who open an invitation from now on see it and acknowledge it.";
    }
}
