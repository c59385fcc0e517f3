package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.consilium.application.SessionPolicy;

/** What the sign-in page says above the form: nothing, "signed out", or "session ended". */
@Named("signIn")
@RequestScoped
public class SignInPage {

    @Inject
    HttpServletRequest request;

    @Inject
    SessionPolicy sessionPolicy;

    public boolean isSignedOut() {
        return request.getParameter("signed-out") != null;
    }

    /** The browser presented a session that no longer exists: most likely it timed out. */
    public boolean isSessionExpired() {
        return !isSignedOut() && request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
    }

    public String getIdleTimeout() {
        return humanReadable(sessionPolicy.idleTimeout());
    }

    static String humanReadable(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes >= 1 && duration.toSecondsPart() == 0) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long seconds = duration.toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
