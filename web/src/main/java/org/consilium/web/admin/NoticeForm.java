package org.consilium.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;
import org.consilium.application.room.NoticeEditor;
import org.consilium.domain.room.VersionedNotice;

/**
 * A console form editing a notice kept version by version (the guests' privacy notice, the
 * recording's consent notice): the text in force with its version, who saved it and when;
 * saving another text makes a new version (the use case checks the role again, validates
 * and audits); saving the same text changes nothing.
 *
 * @param <N> the notice
 */
abstract class NoticeForm<N extends VersionedNotice> extends ConsoleForm {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private final String field;
    private final int maxLength;
    private N inForce;
    private String text;

    /**
     * @param field     the key of the text's problem in {@link #getErrors()}
     * @param maxLength the longest text, in characters
     */
    NoticeForm(String field, int maxLength) {
        this.field = field;
        this.maxLength = maxLength;
    }

    /** Who is using the form, for the use case. */
    protected Caller caller() {
        return ConsoleCaller.of(currentStaff, request);
    }

    /** The version in force, as stored. */
    protected abstract N current();

    /** The use case's change. */
    protected abstract NoticeEditor.Change<N> change(String text);

    /** The line after a new version was saved ("Saved as version 2." comes before it). */
    protected abstract String savedSentence();

    public int getMaxLength() {
        return maxLength;
    }

    private N inForce() {
        if (inForce == null) {
            inForce = current();
        }
        return inForce;
    }

    public String save() {
        errors.clear();
        NoticeEditor.Change<N> change = change(text);
        if (change.refused()) {
            done = change.problem();
        } else if (change.problem() != null) {
            errors.put(field, change.problem());
        } else {
            inForce = change.inForce();
            text = null;
            done = change.newVersion() ? "Saved as version " + inForce.version() + ". " + savedSentence()
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

    /** The version in force's paragraphs, for reading without the form. */
    public java.util.List<String> getParagraphs() {
        return inForce().paragraphs();
    }

    /** Who saved the version in force and when ("system" for the default). */
    public String getChanged() {
        return WHEN.format(inForce().changedAt()) + " by " + inForce().changedBy();
    }
}
