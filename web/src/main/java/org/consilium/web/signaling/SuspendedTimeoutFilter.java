package org.consilium.web.signaling;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Gives a session its idle timeout back when the timeout was suspended for a call whose
 * connections were on an appliance that has died ({@link SignalingSessions#request}): the
 * session's first request on the survivor. Creates no session.
 */
@WebFilter("/*")
public class SuspendedTimeoutFilter extends HttpFilter {

    @Inject
    SignalingSessions calls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            calls.request(session);
        }
        chain.doFilter(request, response);
    }
}
