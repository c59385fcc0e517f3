package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;
import org.consilium.application.recording.RecordingLibrary;
import org.consilium.application.recording.RecordingNotFound;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recordings' metadata (docs/recording.md): a room's recordings for its owner and hosts,
 * administrators and auditors. The content is played through {@code /recordings/<id>/<file>}
 * by the owner and hosts only. Anything the caller may not see is a 404, audited.
 */
@Path("recordings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"clinician", "admin", "auditor"})
@Tag(name = "Recordings", description = "Recordings of visits: metadata; the files are played by byte range")
@APIResponse(responseCode = "401", description = "Not signed in")
@APIResponse(responseCode = "404", description = "No such recording or room, or not yours to see (audited)")
public class RecordingResource {

    @Context
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    RecordingLibrary library;

    @GET
    @Operation(summary = "A room's recordings", description = "Newest first: times, files, consent answers.")
    @APIResponse(responseCode = "200", description = "The recordings")
    public List<RecordingView> ofRoom(@QueryParam("room") String room) {
        if (room == null) {
            throw new InvalidField("room", "Name the room: ?room=<room id>.");
        }
        Caller caller = caller();
        return library.ofRoom(caller, RoomResource.roomId(room)).stream()
                .map(recording -> RecordingView.of(recording, request.getContextPath(), library.mayPlay(caller, recording)))
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One recording", description = "Its times, files and consent answers; "
            + "playable says whether you may play its files (then each has its url).")
    @APIResponse(responseCode = "200", description = "The recording")
    public RecordingView get(@PathParam("id") String id) {
        RecordingId recording;
        try {
            recording = new RecordingId(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            throw new WebApplicationException(Problem.response(Response.Status.NOT_FOUND, "There is no such recording."));
        }
        Caller caller = caller();
        RecordingRepository.Stored stored = library.metadata(caller, recording);
        return RecordingView.of(stored, request.getContextPath(), library.mayPlay(caller, stored));
    }

    private Caller caller() {
        return ApiCaller.of(currentStaff, request);
    }

    /** A recording that is not there or not the caller's to see: 404 (audited by the library). */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<RecordingNotFound> {
        @Override
        public Response toResponse(RecordingNotFound notFound) {
            return Problem.response(Response.Status.NOT_FOUND, notFound.getMessage());
        }
    }
}
