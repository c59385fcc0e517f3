package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.application.audit.AuditCheckpoints;
import org.consilium.application.audit.AuditExport;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;

/**
 * The audit trail for auditors and administrators: an export of a time range (JSON lines,
 * verifiable offline, docs/audit.md) and the public key to verify it with. Every export is
 * itself audited, before a byte of it leaves.
 */
@Path("audit")
@RolesAllowed({"auditor", "admin"})
public class AuditResource {

    static final String JSON_LINES = "application/jsonl";

    @Context
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    AuditTrail trail;

    @Inject
    AuditExport export;

    @Inject
    AuditCheckpoints checkpoints;

    /** {@code GET /api/audit/export?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z} */
    @GET
    @Path("export")
    @Produces(JSON_LINES)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            return Problem.response(Response.Status.BAD_REQUEST, "'from' must be before 'to'.");
        }
        trail.record(AuditEvent.of(AuditAction.AUDIT_EXPORTED, request.getRemoteUser(), roles())
                .from(request.getRemoteAddr()).target("audit:" + start + "/" + end).build());
        StreamingOutput body = out -> export.export(start, end, out);
        return Response.ok(body, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"consilium-audit.jsonl\"")
                .build();
    }

    /** The key checkpoints are signed with, PEM, for {@code java -jar consilium-audit.jar verify}. */
    @GET
    @Path("public-key")
    @Produces("application/x-pem-file")
    public String publicKey() {
        return checkpoints.publicKeyPem();
    }

    private List<String> roles() {
        return currentStaff.get().map(who -> who.roles().stream().map(Role::roleName).sorted().toList())
                .orElse(List.of());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequest("'" + name + "' is required: an ISO-8601 instant such as 2026-11-01T00:00:00Z.");
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException malformed) {
            throw new BadRequest("'" + name + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z.");
        }
    }

    /** A 400 with the API's problem body. */
    static final class BadRequest extends jakarta.ws.rs.WebApplicationException {
        BadRequest(String detail) {
            super(Problem.response(Response.Status.BAD_REQUEST, detail));
        }
    }
}
