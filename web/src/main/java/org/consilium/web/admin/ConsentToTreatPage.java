package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.consilium.application.room.GuestNotices;
import org.consilium.application.room.NoticeEditor;
import org.consilium.domain.room.ConsentToTreat;

/**
 * The consent to treatment by video (REQUIREMENTS D5), a form of the console's Room policies
 * page (administrators only, web.xml): the text every guest's join page shows and the guest
 * agrees to before waiting in the lobby ({@link NoticeForm}).
 */
@Named("consentToTreatPage")
@RequestScoped
public class ConsentToTreatPage extends NoticeForm<ConsentToTreat> {

    static final String FIELD = "consentToTreat";

    @Inject
    GuestNotices notices;

    public ConsentToTreatPage() {
        super(FIELD, ConsentToTreat.MAX_LENGTH);
    }

    @Override
    protected ConsentToTreat current() {
        return notices.consentToTreat();
    }

    @Override
    protected NoticeEditor.Change<ConsentToTreat> change(String text) {
        return notices.changeConsentToTreat(caller(), text);
    }

    @Override
    protected String savedSentence() {
        return "Guests who open an invitation from now on see it and must agree to it.";
    }
}
