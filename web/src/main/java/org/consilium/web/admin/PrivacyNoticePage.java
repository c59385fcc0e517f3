package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.consilium.application.CurrentStaff;
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

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    public PrivacyNoticePage() {
        super(FIELD);
    }

    @Override
    protected PrivacyNotice current() {
        return notices.privacyNotice();
    }

    @Override
    protected NoticeEditor.Change<PrivacyNotice> change(String text) {
        return notices.changePrivacyNotice(ConsoleCaller.of(currentStaff, request), text);
    }

    @Override
    protected String savedSentence() {
        return "Guests who open an invitation from now on see it and acknowledge it.";
    }

    @Override
    public int getMaxLength() {
        return PrivacyNotice.MAX_LENGTH;
    }
}
