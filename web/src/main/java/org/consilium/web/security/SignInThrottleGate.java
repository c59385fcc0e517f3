package org.consilium.web.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.Methods;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.consilium.application.signin.SignInThrottle;

/**
 * Wrong passwords slow down the next attempts of that account from that address
 * ({@link SignInThrottle}): a form sign-in posted while a delay is in force never reaches the
 * directory; the browser is sent back to the sign-in page, which says how long to wait.
 * The directory's own lockout (if the hospital has one) is thereby reached only slowly, and
 * Elytron's built-in lockout is off (30-security.cli): a count per account alone would let
 * anyone lock any clinician out from anywhere.
 */
final class SignInThrottleGate implements HttpHandler {

    /** The sign-in page's parameter: seconds to wait (docs/security.md). */
    static final String WAIT_PARAMETER = "throttled";

    private final HttpHandler next;

    SignInThrottleGate(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (Methods.POST.equals(exchange.getRequestMethod())
                && exchange.getRelativePath().endsWith(CrossSiteSignInRefusal.FORM_SIGN_IN)) {
            ServletRequestContext context = exchange.getAttachment(ServletRequestContext.ATTACHMENT_KEY);
            HttpServletRequest request = (HttpServletRequest) context.getServletRequest();
            Optional<Duration> wait = CDI.current().select(SignInThrottle.class).get()
                    .waitBeforeTrying(request.getParameter("j_username"), request.getRemoteAddr());
            if (wait.isPresent()) {
                HttpServletResponse response = (HttpServletResponse) context.getServletResponse();
                response.setHeader("Cache-Control", "no-store");
                response.sendRedirect(request.getContextPath() + "/login.xhtml?" + WAIT_PARAMETER + "=" + seconds(wait.get()));
                return;
            }
        }
        next.handleRequest(exchange);
    }

    /** Whole seconds, rounded up: "wait 0 seconds" would invite a retry that is still refused. */
    static long seconds(Duration wait) {
        return Math.max(1, wait.plusMillis(999).toSeconds());
    }
}
