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

/**
 * Audits a refused form sign-in. The container forwards the failed j_security_check POST
 * to the error page; only that forward counts (a direct request to the page proves nothing).
 */
@WebFilter(urlPatterns = "/login-failed.xhtml", dispatcherTypes = DispatcherType.FORWARD)
public class FailedSignInAudit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(FailedSignInAudit.class.getName());

    @Inject
    SecurityAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            audit.signInFailed(request, request.getParameter("j_username"), "credentials refused");
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a failed sign-in", failed);
        }
        chain.doFilter(request, response);
    }
}
