package org.consilium.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.consilium.web.signaling.SignalingSessions;

/** Signs out (POST only, so a link or an image on another page cannot sign anyone out); your calls end. */
@WebServlet("/sign-out")
public class SignOutServlet extends HttpServlet {

    @Inject
    SecurityAudit audit;

    @Inject
    SignalingSessions calls;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        audit.signedOut(request);
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            calls.signingOut(session); // signing out ends your calls
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login.xhtml?signed-out");
    }
}
