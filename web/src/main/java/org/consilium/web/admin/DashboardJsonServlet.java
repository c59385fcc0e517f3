package org.consilium.web.admin;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.DashboardService;

/**
 * The dashboard's figures as JSON for {@code /admin/static/dashboard.js}, which polls it
 * every 5 s. Under {@code /admin/}, so behind the same constraints (administrators and
 * auditors) and the same second factor as the page (SecondFactorFilter); GET only. Polls
 * are not activity ({@link UserActivityFilter}): when the person has done nothing for the
 * session's whole idle timeout, the session ends here (401) as it would have without the
 * polling, and the script stops.
 */
@WebServlet(DashboardJsonServlet.PATH)
public class DashboardJsonServlet extends HttpServlet {

    static final String PATH = "/admin/dashboard.json";

    @Inject
    DashboardService service;

    @Inject
    CurrentStaff currentStaff;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null && ConsoleSession.idleTooLong(session, System.currentTimeMillis())) {
            session.invalidate(); // audited as the end of the session, like an idle timeout
            response.setHeader("Cache-Control", "no-store");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        DashboardView view = DashboardPage.of(service, currentStaff);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (var writer = Json.createWriter(response.getWriter())) {
            writer.writeObject(view.toJson());
        }
    }
}
