package org.consilium.web.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.Methods;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Login CSRF: a page on another site must not sign a browser in (to the attacker's account,
 * whose activity the victim would then add to) nor out. A {@code POST} to the FORM
 * mechanism ({@code …/j_security_check}, matched as Elytron matches it: by the end of the
 * path) or to {@code /sign-out} that names another origin, or the opaque {@code null}, is
 * refused with 403 and audited as access-denied: the same rule as the JSON API's
 * ({@link SameOrigin}), so a request naming no origin (a script) passes.
 */
final class CrossSiteSignInRefusal implements HttpHandler {

    static final String FORM_SIGN_IN = "/j_security_check";
    static final String SIGN_OUT = "/sign-out";
    static final String MESSAGE = "This request came from another site, so it was refused. "
            + "Open Consilium's own sign-in page to sign in or out.\n";
    private static final Logger LOG = Logger.getLogger(CrossSiteSignInRefusal.class.getName());

    private final HttpHandler next;

    CrossSiteSignInRefusal(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String target = guarded(exchange);
        if (target != null) {
            ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
            HttpServletRequest request = (HttpServletRequest) context.getServletRequest();
            if (SameOrigin.contradicted(request)) {
                refuse(request, (HttpServletResponse) context.getServletResponse(), target);
                return;
            }
        }
        next.handleRequest(exchange);
    }

    /** The audit target of a guarded request, or null for any other. */
    private static String guarded(HttpServerExchange exchange) {
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            return null;
        }
        String path = exchange.getRelativePath();
        if (path.endsWith(FORM_SIGN_IN)) {
            return "form:" + FORM_SIGN_IN;
        }
        return path.equals(SIGN_OUT) ? "form:" + SIGN_OUT : null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String target)
            throws IOException {
        try {
            CDI.current().select(SecurityAudit.class).get().accessDenied(request, target);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a cross-site sign-in or sign-out", failed);
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(MESSAGE);
    }
}
