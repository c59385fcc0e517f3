package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.CurrentStaff;
import org.consilium.application.StaffSignInService;
import org.consilium.domain.StaffIdentity;

/**
 * Records a staff sign-in on the first authenticated request of a session, whichever way
 * the person signed in (form, API or client certificate), and keeps the previous sign-in
 * time in the session so the landing page can show it. The audit event is written at the
 * moment of the sign-in where that request reaches no filter (the form, {@link FormSignInAudit};
 * the API, {@code SessionResource}); here only if that failed, or for a client certificate,
 * whose sign-in is this very request.
 */
@WebFilter("/*")
public class SignInRecorder extends HttpFilter {

    /** Session attribute: the previous sign-in ({@link Instant}), or {@link #FIRST_SIGN_IN}. */
    public static final String PREVIOUS_SIGN_IN = "consilium.previousSignIn";
    public static final String FIRST_SIGN_IN = "first";
    private static final Logger LOG = Logger.getLogger(SignInRecorder.class.getName());

    @Inject
    CurrentStaff currentStaff;

    @Inject
    StaffSignInService signIns;

    @Inject
    SecurityAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) {
            HttpSession existing = request.getSession(false);
            if (existing == null || existing.getAttribute(PREVIOUS_SIGN_IN) == null) {
                currentStaff.get().filter(StaffIdentity::hasAnyRole).ifPresent(who -> {
                    HttpSession session = sessionOf(request, existing);
                    if (session != null) {
                        record(request, who, session);
                    }
                });
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The session a sign-in not yet recorded belongs to. A password sign-in always has one
     * (the form's mechanism keeps the identity in it, under a new id). A certificate sign-in
     * needs none, so it gets one here, to be recorded once and not on every request; a
     * session the browser already had (from before the card was used) gets a new id, as the
     * form would give it.
     */
    private static HttpSession sessionOf(HttpServletRequest request, HttpSession existing) {
        if (SignInMethod.of(request) != SignInMethod.CLIENT_CERTIFICATE) {
            return existing;
        }
        if (existing == null) {
            return request.getSession(true);
        }
        request.changeSessionId();
        return existing;
    }

    private void record(HttpServletRequest request, StaffIdentity who, HttpSession session) {
        try {
            audit.signedInOnce(request, session, who); // unless the mechanism's moment did it (FormSignInAudit)
            Object previous = signIns.recordSignIn(who).<Object>map(at -> at).orElse(FIRST_SIGN_IN);
            session.setAttribute(PREVIOUS_SIGN_IN, previous);
        } catch (RuntimeException bookkeepingFailed) {
            // Signing in must not fail because the bookkeeping (audit included) did; the next
            // request retries, so the sign-in is audited at least once.
            LOG.log(Level.WARNING, "Could not record a staff sign-in", bookkeepingFailed);
        }
    }
}
