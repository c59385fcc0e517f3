package org.consilium.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.web.security.SecurityAudit;
import org.consilium.web.security.SignInMethod;

/**
 * The audit API ({@code /api/audit/*}: the trail's export) needs what the console needs: a
 * session whose person gave their second factor in the console. A password alone gets 403
 * (audited), so a stolen password does not export the trail; a smart-card sign-in has both
 * factors. The audit public key is not a
 * secret and stays readable to auditors and administrators with their password.
 */
@WebFilter("/api/audit/*")
public class AuditApiSecondFactorFilter extends HttpFilter {

    static final String PUBLIC_KEY = "/api/audit/public-key";
    static final String PROBLEM = "{\"error\":\"The audit trail needs your second factor: open the console (/admin/), "
            + "give your code there, then call this again with the same session.\",\"status\":403}";

    private static final Logger LOG = Logger.getLogger(AuditApiSecondFactorFilter.class.getName());

    @Inject
    SecurityAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getRemoteUser() == null || path.equals(PUBLIC_KEY) || ConsoleSession.isVerified(request)
                || SignInMethod.of(request).isTwoFactor()) { // a smart card is both factors
            chain.doFilter(request, response); // unauthenticated: the resource's own 401
            return;
        }
        try {
            audit.accessDenied(request, "api:" + path);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit an audit-API call without a second factor", failed);
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
    }
}
