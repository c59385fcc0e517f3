package org.consilium.web.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;

/** What the console keeps in the HTTP session: who passed the second factor, and where they were going. */
final class ConsoleSession {

    /** {@link Verified}: this session's signed-in person gave a good code. */
    static final String VERIFIED = "consilium.admin.secondFactor";
    /** The console page asked for before the second factor was asked (a path under /admin/). */
    static final String NEXT = "consilium.admin.next";

    /**
     * When the person last did something (epoch milliseconds): any request but the
     * dashboard's polling, unless the poll says the person used the page since the last one.
     */
    static final String LAST_ACTIVITY = "consilium.lastActivity";

    private ConsoleSession() {
    }

    static void active(HttpSession session, long nowMillis) {
        session.setAttribute(LAST_ACTIVITY, nowMillis);
    }

    /**
     * Whether the session has gone without the person's activity for its whole idle timeout
     * (polls do not count). False while the timeout is suspended (a call open: zero or negative).
     */
    static boolean idleTooLong(HttpSession session, long nowMillis) {
        int timeoutSeconds = session.getMaxInactiveInterval();
        return timeoutSeconds > 0 && session.getAttribute(LAST_ACTIVITY) instanceof Long last
                && nowMillis - last >= timeoutSeconds * 1000L;
    }

    static boolean isVerified(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String user = request.getRemoteUser();
        return session != null && user != null && session.getAttribute(VERIFIED) instanceof Verified verified
                && verified.username().equalsIgnoreCase(user);
    }

    /**
     * Marks the session as having passed the second factor, under a new session id (the
     * id that was seen before the code is worth nothing after it), and returns where to go.
     */
    static String verified(HttpServletRequest request, Instant at) {
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(VERIFIED, new Verified(request.getRemoteUser(), at));
        Object next = session.getAttribute(NEXT);
        session.removeAttribute(NEXT);
        String console = request.getContextPath() + "/admin/";
        return next instanceof String path && path.startsWith(console) && !path.contains("//") ? path : console;
    }

    record Verified(String username, Instant at) implements Serializable {
    }
}
