package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.ConsentToTreatRepository;

/**
 * The hospital's consent to treatment by video (REQUIREMENTS D5): the version in force (shown
 * on every join page, where a guest ticks that they agree) and changing it (administrators,
 * in the console's Room policies). A new text is a new
 * version; saving the same text again changes nothing. A change is audited as
 * {@code configuration-changed}, target {@value #TARGET}, with the version and SHA-256 before
 * and after ({@link NoticeEditor}).
 */
@Stateless
public class ConsentsToTreat {

    /** The audit target of a change. */
    public static final String TARGET = "policy:consent-to-treat";

    private static final NoticeEditor<ConsentToTreat> EDITOR = new NoticeEditor<>("consent-to-treat", TARGET,
            "the consent to treat", ConsentToTreat::clean);

    @Inject
    ConsentToTreatRepository repository;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    public ConsentToTreat current() {
        return repository.current();
    }

    /** Makes {@code text} the consent guests agree to from now on (administrators only). */
    public NoticeEditor.Change<ConsentToTreat> change(Caller caller, String text) {
        return EDITOR.change(caller, text, repository::current, repository::save, trail, clock);
    }
}
