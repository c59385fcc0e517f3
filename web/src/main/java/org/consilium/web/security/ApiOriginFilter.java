package org.consilium.web.security;

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

/**
 * A call to the JSON API that changes something and says it comes from another site (or
 * from an unnamed one) is refused with 403 and audited as access-denied, whatever cookie it
 * carries. Callers that name no origin, such as scripts, are the API's own business.
 */
@WebFilter("/api/*")
public class ApiOriginFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ApiOriginFilter.class.getName());
    static final String PROBLEM = "{\"error\":\"This request came from another site, so it was refused.\",\"status\":403}";

    @Inject
    SecurityAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SameOrigin.isSafe(request.getMethod()) || !SameOrigin.contradicted(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            audit.accessDenied(request, "api:" + request.getRequestURI().substring(request.getContextPath().length()));
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a cross-site API call", failed);
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
    }
}
