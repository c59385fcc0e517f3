package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.signin.SignInThrottle;

/**
 * Audits a refused form sign-in and counts it towards a sign-in delay ({@link SignInThrottle}). The container forwards the failed j_security_check POST
 * to the error page; only that forward counts (a direct request to the page proves nothing).
 */
@WebFilter(urlPatterns = "/login-failed.xhtml", dispatcherTypes = DispatcherType.FORWARD)
public class FailedSignInAudit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(FailedSignInAudit.class.getName());

    @Inject
    SecurityAudit audit;

    @Inject
    SignInThrottle throttle;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String typed = request.getParameter("j_username");
        throttle.failed(typed, request.getRemoteAddr()); // counted even when the audit cannot be written
        try {
            audit.signInFailed(request, typed, "credentials refused");
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a failed sign-in", failed);
        }
        chain.doFilter(request, response);
    }
}
