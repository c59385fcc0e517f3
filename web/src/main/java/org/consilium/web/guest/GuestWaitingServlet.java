package org.consilium.web.guest;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a guest checks camera and microphone and joins the call, waiting in its lobby until
 * a host lets them in (the call client, static/call/). Without a guest in the session there
 * is nothing to wait for: 403.
 */
@WebServlet(GuestJoinServlet.WAITING_PATH)
public class GuestWaitingServlet extends HttpServlet {

    static final String WAITING_VIEW = "/WEB-INF/guest/waiting.xhtml";

    @Inject
    GuestPage page;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Optional<GuestSession> guest = GuestSession.of(request);
        if (guest.isEmpty()) {
            page.refused("No invitation opened",
                    "This page is for guests who have opened an invitation link and given their name. "
                            + "Open the link you were sent again.");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.getRequestDispatcher(GuestJoinServlet.REFUSED_VIEW).forward(request, response);
            return;
        }
        GuestSession waiting = guest.get();
        page.waiting(waiting.guest().name().value(), waiting.roomLabel(), waiting.guest().room().toString());
        request.getRequestDispatcher(WAITING_VIEW).forward(request, response);
    }
}
