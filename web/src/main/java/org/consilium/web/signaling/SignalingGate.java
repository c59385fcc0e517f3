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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consilium.application.CurrentStaff;
import org.consilium.application.call.CallRefusals;
import org.consilium.application.call.CallRegistry;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.web.guest.GuestSession;

/**
 * Refuses a signaling handshake that may not become a call with HTTP 403, before the
 * WebSocket exists (docs/signaling.md, "Who may connect"): a page of another site, nobody
 * signed in and no guest (unless a tab back after a failover, with its resume secret), a staff member without a Consilium role, a guest whose invitation
 * is for another room. Each refusal is audited (coalesced: {@link CallRefusals}). What this
 * lets through, {@link SignalingEndpoint} and the call's registry check again (a room closed
 * meanwhile is refused in the channel). {@code /signaling/network-check} is no room: anyone
 * who could join some call may run the pre-call check there ({@link NetworkCheckEndpoint}).
 */
@WebFilter("/signaling/*")
public class SignalingGate extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "/signaling/";

    @Inject
    transient CurrentStaff currentStaff;

    @Inject
    transient CallRefusals refusals;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String room = roomOf(request);
        Optional<String> refused = refusal(request, room);
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        audit(request, room, refused.get());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(refused.get() + "\n");
    }

    /** Why this handshake may not go on, or empty when it may. */
    private Optional<String> refusal(HttpServletRequest request, String room) {
        if (!SignalingHandshake.sameOrigin(headers(request))) {
            return Optional.of("cross-origin");
        }
        if (request.getUserPrincipal() != null) {
            return currentStaff.get().filter(StaffIdentity::hasAnyRole).isPresent()
                    ? Optional.empty() : Optional.of("no-role");
        }
        Optional<GuestSession> guest = GuestSession.of(request);
        if (guest.isEmpty() && request.getSession(false) == null && resumesWithoutSession(request)) {
            return Optional.empty(); // back after a failover: the endpoint checks the secret (docs/signaling.md, "Failover")
        }
        if (guest.isEmpty()) {
            return Optional.of("no-session");
        }
        if (NetworkCheckEndpoint.TARGET.equals(room)) {
            return Optional.empty(); // a guest checks their network before any room's call (NetworkCheckEndpoint)
        }
        return guest.get().guest().room().toString().equals(room) ? Optional.empty() : Optional.of("other-room");
    }

    /**
     * A tab whose session was on an appliance that died presents its resume secret: one, of a
     * secret's size. Only a place held for that secret, in a call this appliance takes over,
     * lets it in ({@link SignalingEndpoint}); any other is refused there, and audited.
     */
    private static boolean resumesWithoutSession(HttpServletRequest request) {
        String[] secrets = request.getParameterValues("resume");
        return secrets != null && secrets.length == 1 && !secrets[0].isEmpty() && secrets[0].length() <= CallRegistry.Resume.MAX_SECRET_LENGTH;
    }

    private void audit(HttpServletRequest request, String room, String reason) {
        String actor = "(anonymous)";
        List<String> roles = List.of();
        if (request.getUserPrincipal() != null) {
            actor = request.getUserPrincipal().getName();
            Optional<StaffIdentity> staff = currentStaff.get();
            if (staff.isPresent()) {
                roles = staff.get().roles().stream().map(Role::roleName).sorted().toList();
            }
        } else {
            Optional<GuestSession> guest = GuestSession.of(request);
            if (guest.isPresent()) {
                actor = guest.get().guest().principalName();
            }
        }
        // No connection exists yet: the session, or else the address, tells one client's refusals from another's.
        HttpSession session = request.getSession(false);
        String client = session != null ? "session " + session.getId() : "address " + request.getRemoteAddr();
        refusals.refused(client, new CallRefusals.Refusal(actor, roles, request.getRemoteAddr(), room, reason, "connect"));
    }

    /** The room id in {@code /signaling/<room id>} (the filter's mapping says nothing of the servlet's path info). */
    private static String roomOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
