package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.application.room.ColleagueSearch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Colleagues found by name, to invite to a room or make its co-host ({@link ColleagueSearch}). */
@Path("colleagues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"clinician", "admin"})
@Tag(name = "Rooms")
@APIResponse(responseCode = "401", description = "Not signed in")
@APIResponse(responseCode = "403", description = "Your role does not allow this (audited)")
public class ColleagueResource {

    @Context
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    ColleagueSearch search;

    @GET
    @Operation(summary = "Find colleagues by name",
            description = "Clinicians whose directory name contains the text, or whose user name starts with it, among the "
                    + "staff who have signed in to Consilium; a user name typed in full also finds someone who never did. "
                    + "At most 10, you left out. Audited with the number found, never the text.")
    @APIResponse(responseCode = "200", description = "The colleagues found, by name")
    @APIResponse(responseCode = "400", description = "Fewer than 2 or more than 64 characters ('field': q)")
    @APIResponse(responseCode = "503", description = "The hospital directory did not answer")
    public List<ColleagueSearch.Colleague> find(@Parameter(description = "part of the name, 2 to 64 characters") @QueryParam("q") String text) {
        return search.search(ApiCaller.of(currentStaff, request), text);
    }
}
