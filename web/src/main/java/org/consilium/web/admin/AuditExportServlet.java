package org.consilium.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;
import org.consilium.application.audit.AuditExport;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;

/**
 * The console's export of a period: the same JSON lines as {@code /api/audit/export}
 * (docs/audit.md), from the same use case, but behind the console's second factor. Audited
 * as {@code audit-exported} before a byte leaves.
 */
@WebServlet("/admin/audit/export")
public class AuditExportServlet extends HttpServlet {

    @Inject
    AuditExport export;

    @Inject
    AuditTrail trail;

    @Inject
    CurrentStaff currentStaff;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant from;
        Instant to;
        try {
            from = Instant.parse(required(request, "from"));
            to = Instant.parse(required(request, "to"));
        } catch (DateTimeParseException | IllegalArgumentException malformed) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "'from' and 'to' are ISO-8601 instants such as 2026-11-01T00:00:00Z, 'from' before 'to'.");
            return;
        }
        if (!from.isBefore(to)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "'from' must be before 'to'.");
            return;
        }
        Caller caller = ConsoleCaller.of(currentStaff, request);
        trail.record(AuditEvent.of(AuditAction.AUDIT_EXPORTED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target("audit:" + from + "/" + to).detail("via", "console").build());
        response.setContentType("application/jsonl");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"consilium-audit-"
                + from.toString().replace(":", "") + ".jsonl\"");
        export.export(from, to, response.getOutputStream());
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }
}
