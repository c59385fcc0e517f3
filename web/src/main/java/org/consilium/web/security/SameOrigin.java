package org.consilium.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Where a request says it comes from ({@code Origin}, or failing that {@code Referer}),
 * compared with this server's own origin: the second lock against cross-site requests,
 * after the session cookie's and the forms' own.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /** GET, HEAD and OPTIONS change nothing; everything else must come from here. */
    public static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** The request names this server as its origin (a browser's own page sent it). */
    public static boolean named(HttpServletRequest request) {
        String expected = expected(request);
        if (expected == null) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return origin.toLowerCase(Locale.ROOT).equals(expected);
        }
        String referer = request.getHeader("Referer");
        return referer != null && referer.toLowerCase(Locale.ROOT).startsWith(expected + "/");
    }

    /**
     * The request names another origin, or the opaque {@code null} a browser sends for a
     * page it will not name. A request naming none (a script, an integration) is not
     * contradicted: only browsers carry cookies across sites, and they always say whence.
     */
    public static boolean contradicted(HttpServletRequest request) {
        boolean saysWhence = request.getHeader("Origin") != null || request.getHeader("Referer") != null;
        return saysWhence && !named(request);
    }

    private static String expected(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host == null ? null : (request.getScheme() + "://" + host).toLowerCase(Locale.ROOT);
    }
}
