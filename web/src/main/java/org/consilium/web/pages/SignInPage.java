package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.consilium.application.SessionPolicy;
import org.consilium.web.SpokenDuration;

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
        return SpokenDuration.of(sessionPolicy.idleTimeout());
    }
}
