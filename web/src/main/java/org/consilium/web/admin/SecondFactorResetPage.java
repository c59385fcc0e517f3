package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.SecondFactorService;
import org.consilium.domain.Username;

/**
 * Administrators only (web.xml): removes another person's second factor when their phone
 * is lost or replaced; they enrol again at their next console sign-in. Audited.
 */
@Named("secondFactorReset")
@RequestScoped
public class SecondFactorResetPage {

    @Inject
    SecondFactorService service;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private String username;
    private String done;
    private String message;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** What was done, for the status line. */
    public String getDone() {
        return done;
    }

    /** Why the reset was refused, for the line next to the field. */
    public String getMessage() {
        return message;
    }

    public String reset() {
        Username whose;
        try {
            whose = new Username(username == null ? "" : username);
        } catch (IllegalArgumentException invalid) {
            error("Give the user name (directory login) of the person whose second factor to reset.");
            return null;
        }
        switch (service.reset(ConsoleCaller.of(currentStaff, request), whose)) {
            case DONE -> {
                done = "The second factor of " + whose.value() + " is reset. They add Consilium to their "
                        + "authenticator app again at their next console sign-in.";
                username = null;
            }
            case NOTHING_TO_RESET -> error(whose.value() + " has no second factor: nothing to reset.");
            case REFUSED_OWN -> error("You cannot reset your own second factor: ask another administrator.");
            case REFUSED_ROLE -> error("Only administrators reset second factors.");
        }
        return null;
    }

    private void error(String why) {
        message = why;
    }
}
