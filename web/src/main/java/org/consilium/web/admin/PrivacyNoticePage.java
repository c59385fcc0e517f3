package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.consilium.application.CurrentStaff;
import org.consilium.application.room.PrivacyNotices;
import org.consilium.domain.room.PrivacyNotice;

/**
 * The privacy notice for guests, a form of the console's Room policies page (administrators
 * only, web.xml): the text every guest's join page shows and the guest acknowledges. Saving
 * another text makes a new version (the use case checks the role again, validates and
 * audits); saving the same text changes nothing.
 */
@Named("privacyNoticePage")
@RequestScoped
public class PrivacyNoticePage extends ConsoleForm {

    static final String FIELD = "privacyNotice";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    PrivacyNotices notices;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private PrivacyNotice inForce;
    private String text;

    private PrivacyNotice inForce() {
        if (inForce == null) {
            inForce = notices.current();
        }
        return inForce;
    }

    public String save() {
        errors.clear();
        PrivacyNotices.Change change = notices.change(ConsoleCaller.of(currentStaff, request), text);
        if (change.refused()) {
            done = change.problem();
        } else if (change.problem() != null) {
            errors.put(FIELD, change.problem());
        } else {
            inForce = change.inForce();
            text = null;
            done = change.newVersion() ? "Saved as version " + inForce.version()
                    + ". Guests who open an invitation from now on see it and acknowledge it."
                    : "Nothing was changed: this is the notice in force.";
        }
        return null;
    }

    public String getText() {
        return text != null ? text : inForce().text();
    }

    public void setText(String text) {
        this.text = text;
    }

    public int getVersion() {
        return inForce().version();
    }

    public String getSha256() {
        return inForce().sha256();
    }

    /** Who saved the version in force and when ("system" for the default). */
    public String getChanged() {
        return WHEN.format(inForce().changedAt()) + " by " + inForce().changedBy();
    }

    public int getMaxLength() {
        return PrivacyNotice.MAX_LENGTH;
    }
}
