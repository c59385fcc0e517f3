package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.consilium.application.SessionPolicy;
import org.consilium.web.SpokenDuration;

/** What the sign-in page says above the form: nothing, "signed out", "session ended", or "wait". */
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

    /**
     * How long to wait after too many wrong passwords, when the sign-in was turned away
     * ({@code ?throttled=<seconds>}, set by the sign-in gate); null otherwise. Only a whole
     * number of seconds up to a day is shown: the parameter cannot put other text on the page.
     */
    public String getThrottledFor() {
        String seconds = request.getParameter("throttled");
        if (seconds == null || !seconds.matches("[0-9]{1,5}")) {
            return null;
        }
        long value = Long.parseLong(seconds);
        return value < 1 || value > 86_400 ? null : SpokenDuration.of(Duration.ofSeconds(value));
    }

    public String getIdleTimeout() {
        return SpokenDuration.of(sessionPolicy.idleTimeout());
    }
}
