package org.consilium.web.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Remembers when a session's person last did something, so that the dashboard's polling
 * (every 5 s) does not keep an unattended session alive past the idle timeout (REQUIREMENTS
 * S4): every request counts, except {@code /admin/dashboard.json} without {@code active=1}
 * (the script sets it when a key was pressed or the pointer used since its last poll).
 * {@link DashboardJsonServlet} ends a session whose person has been idle for its whole
 * timeout. Creates no session.
 */
@WebFilter("/*")
public class UserActivityFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        if (session != null && !isIdlePoll(request)) {
            ConsoleSession.active(session, System.currentTimeMillis());
        }
        chain.doFilter(request, response);
    }

    static boolean isIdlePoll(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(DashboardJsonServlet.PATH) && !"1".equals(request.getParameter("active"));
    }
}
