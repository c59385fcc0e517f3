package org.consilium.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.CurrentStaff;
import org.consilium.application.signin.SignInThrottle;
import org.consilium.domain.StaffIdentity;
import org.consilium.web.security.SecurityAudit;
import org.consilium.web.signaling.SignalingSessions;

/**
 * Sign in and out over the API, for scripts and the web client. Every failure to sign in
 * (unknown user, wrong password, empty field) gets the same answer, so the API cannot be
 * used to find out which accounts exist.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final Logger LOG = Logger.getLogger(SessionResource.class.getName());

    static final String SIGN_IN_FAILED = "Sign-in failed. Check your user name and password.";
    static final String NO_ROLE = "Your directory account is not in any group that gives access to Consilium. "
            + "Ask your IT service desk to add you to the right group.";

    @Context
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    SecurityAudit audit;

    @Inject
    SignalingSessions calls;

    @Inject
    SignInThrottle throttle;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignInRequest credentials) {
        if (credentials == null || isBlank(credentials.username()) || isBlank(credentials.password())) {
            audit.signInFailed(request, credentials == null ? null : credentials.username(), "incomplete credentials");
            return Problem.response(Response.Status.UNAUTHORIZED, SIGN_IN_FAILED);
        }
        Optional<Duration> wait = throttle.waitBeforeTrying(credentials.username(), request.getRemoteAddr());
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().plusMillis(999).toSeconds());
            return Response.fromResponse(Problem.response(Response.Status.TOO_MANY_REQUESTS,
                    "Too many wrong passwords for this user name from this computer. Try again in " + seconds
                            + " seconds.")).header("Retry-After", seconds).build();
        }
        if (request.getUserPrincipal() != null) {
            signOut();
        }
        try {
            request.login(credentials.username(), credentials.password());
        } catch (ServletException refused) {
            throttle.failed(credentials.username(), request.getRemoteAddr());
            audit.signInFailed(request, credentials.username(), "credentials refused");
            return Problem.response(Response.Status.UNAUTHORIZED, SIGN_IN_FAILED);
        }
        throttle.succeeded(credentials.username(), request.getRemoteAddr());
        StaffIdentity who = currentStaff.get().orElse(null);
        if (who == null || !who.hasAnyRole()) {
            audit.accessDenied(request, "application (no role)");
            signOut();
            return Problem.response(Response.Status.FORBIDDEN, NO_ROLE);
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId(); // a session id known before sign-in must not survive it
        try {
            audit.signedInOnce(request, session, who); // now, not at the session's next request
        } catch (RuntimeException failed) {
            // as for the form: the sign-in stands, and the session's next request retries the audit
            LOG.log(Level.WARNING, "Could not audit an API sign-in", failed);
        }
        return Response.ok(StaffView.of(who)).build();
    }

    @DELETE
    @PermitAll
    public Response signOut() {
        if (request.getUserPrincipal() != null) {
            audit.signedOut(request);
        }
        try {
            request.logout();
        } catch (ServletException alreadyGone) {
            // nothing to undo
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            calls.signingOut(session); // signing out ends your calls
            session.invalidate();
        }
        return Response.noContent().build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
