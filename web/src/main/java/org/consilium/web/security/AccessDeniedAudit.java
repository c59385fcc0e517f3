package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Audits a refused page: the 403 error dispatch to the no-access page names the page asked for. */
@WebFilter(urlPatterns = "/no-access.xhtml", dispatcherTypes = DispatcherType.ERROR)
public class AccessDeniedAudit extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(AccessDeniedAudit.class.getName());

    @Inject
    SecurityAudit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            audit.accessDenied(request, uri == null ? null : "page:" + uri);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a refused access", failed);
        }
        chain.doFilter(request, response);
    }
}
