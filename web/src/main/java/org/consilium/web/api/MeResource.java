package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;
import org.consilium.application.CurrentStaff;

/** Who am I: the signed-in staff member, their display name and roles. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"clinician", "admin", "auditor"})
public class MeResource {

    @Inject
    CurrentStaff currentStaff;

    @GET
    public StaffView me() {
        return currentStaff.get().map(StaffView::of).orElseThrow(() -> new WebApplicationException(Response.Status.UNAUTHORIZED));
    }
}
