package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.KeyAdministration;
import org.consilium.application.admin.KeyOverview;

/**
 * The Keys page (administrators only, web.xml): what the HSM holds, and rotating the
 * key-encryption key after typing ROTATE (the use case checks the role again and audits).
 */
@Named("keysPage")
@RequestScoped
public class KeysPage {

    static final String CONFIRMATION = "ROTATE";

    @Inject
    KeyAdministration keys;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private KeyOverview overview;
    private String confirmation;
    private String message;
    private String done;

    public KeyOverview getOverview() {
        if (overview == null) {
            overview = keys.overview();
        }
        return overview;
    }

    public String getOlderVersions() {
        var older = getOverview().olderKekVersions();
        return older.isEmpty() ? "none" : older.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public String getProblems() {
        return String.join("; ", getOverview().problems());
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    /** Why the rotation was not done, for the line next to the field. */
    public String getMessage() {
        return message;
    }

    /** What was done, for the status line. */
    public String getDone() {
        return done;
    }

    public String rotate() {
        if (confirmation == null || !CONFIRMATION.equals(confirmation.strip())) {
            message = "Type ROTATE (in capitals) to confirm the rotation. Nothing was changed.";
            return null;
        }
        KeyAdministration.Rotation rotation = keys.rotate(ConsoleCaller.of(currentStaff, request));
        switch (rotation.outcome()) {
            case DONE -> {
                done = "The key-encryption key is rotated: version " + rotation.before() + " → " + rotation.after()
                        + ". New data keys are wrapped with version " + rotation.after() + "; versions "
                        + rotation.usable().stream().filter(v -> v != rotation.after()).map(String::valueOf)
                                .collect(Collectors.joining(", "))
                        + " still unwrap what they wrapped.";
                confirmation = null;
            }
            case REFUSED_ROLE -> message = "Only administrators rotate keys.";
            case UNAVAILABLE -> message = "The HSM is not available or refused to create the new version: nothing "
                    + "was changed. See the HSM state above and the server log.";
        }
        overview = null; // show the token as it is now
        return null;
    }
}
