package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consilium.application.CurrentStaff;
import org.consilium.application.room.InvitationService;
import org.consilium.domain.room.InvitationId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Withdrawing a guest invitation: its link stops working at once. Invitations are made under {@code /api/rooms/{id}/invitations}. */
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"clinician", "admin"})
@Tag(name = "Rooms")
public class InvitationResource {

    @Context
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    InvitationService invitations;

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an invitation", description = "The room's owner, its hosts, administrators. Revoking twice changes nothing.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not your room's invitation (audited)")
    @APIResponse(responseCode = "404", description = "No such invitation")
    public Response revoke(@PathParam("id") String id) {
        InvitationId invitation;
        try {
            invitation = InvitationId.parse(id);
        } catch (IllegalArgumentException notAnId) {
            throw new WebApplicationException(Problem.response(Response.Status.NOT_FOUND, "There is no such invitation."));
        }
        invitations.revoke(ApiCaller.of(currentStaff, request), invitation);
        return Response.noContent().build();
    }
}
