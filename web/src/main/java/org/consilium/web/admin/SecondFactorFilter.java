package org.consilium.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.consilium.application.admin.SecondFactorService;
import org.consilium.web.security.SameOrigin;
import org.consilium.web.security.SignInMethod;
import org.consilium.application.admin.SecondFactorStatus;
import org.consilium.domain.Username;

/**
 * The console's gate, after the container let an administrator or auditor in (web.xml;
 * clinicians got their 403 already):
 * <ol>
 *   <li>a request that changes something (anything but GET and HEAD) must come from the
 *       console's own origin ({@code Origin}, or failing that {@code Referer}); otherwise
 *       403 (audited as access-denied by the error page's filter). Faces' view state is the CSRF token; this is the second lock.</li>
 *   <li>until this session passed the second factor, every console page leads to
 *       enrolment (first time) or to the code (afterwards); only those two pages and the
 *       console's stylesheet are open. A request authenticated by a client certificate (a
 *       smart card: possession and PIN) has both factors already ({@link SignInMethod}).</li>
 * </ol>
 */
@WebFilter("/admin/*")
public class SecondFactorFilter extends HttpFilter {

    static final String ENROL = "/admin/enrol.xhtml";
    static final String VERIFY = "/admin/verify.xhtml";

    @Inject
    SecondFactorService secondFactors;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!SameOrigin.isSafe(request.getMethod()) && !SameOrigin.named(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN); // audited by AccessDeniedAudit
            return;
        }
        if (path.startsWith("/admin/static/") || request.getRemoteUser() == null) {
            chain.doFilter(request, response); // the container's constraints decide
            return;
        }
        // A smart card is both factors (the card, and the PIN that unlocks it): a request the
        // container authenticated with the card's certificate needs no code. Any other
        // request needs this session's code, even if the same person used a card earlier.
        boolean verified = SignInMethod.of(request).isTwoFactor() || ConsoleSession.isVerified(request);
        boolean gatePage = path.equals(ENROL) || path.equals(VERIFY);
        if (verified) {
            if (gatePage) {
                response.sendRedirect(request.getContextPath() + "/admin/");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        SecondFactorStatus status = secondFactors.status(new Username(request.getRemoteUser()));
        String due = status == SecondFactorStatus.ACTIVE ? VERIFY : ENROL;
        if (path.equals(due)) {
            chain.doFilter(request, response);
            return;
        }
        if (!gatePage && "GET".equals(request.getMethod()) && !path.endsWith(".json")) { // a page, not the dashboard's polling
            String query = request.getQueryString();
            request.getSession().setAttribute(ConsoleSession.NEXT,
                    request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        response.sendRedirect(request.getContextPath() + due);
    }
}
