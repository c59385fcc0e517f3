package org.consilium.web.branding;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A branding resource that browsers keep but ask about again on every use (no-cache): its
 * ETag says which version they have, and an unchanged one is answered 304 without a body. A
 * change on the console is then seen on the next page, never a stale logo or colour.
 */
final class Revalidated {

    private Revalidated() {
    }

    /**
     * Sets the validator headers of {@code etag} (a quoted string); true when the browser's copy
     * is this version, in which case the answer is 304 and nothing else is to be written.
     */
    static boolean unchanged(String etag, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String asked = request.getHeader("If-None-Match");
        if (asked == null) {
            return false;
        }
        for (String tag : asked.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(etag) || candidate.equals("*")) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return true;
            }
        }
        return false;
    }
}
