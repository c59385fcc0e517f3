package org.consilium.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.consilium.application.Caller;
import org.consilium.application.CurrentStaff;
import org.consilium.application.room.InvitationService;
import org.consilium.application.room.RoomPolicies;
import org.consilium.application.room.IssuedInvitation;
import org.consilium.application.room.RoomService;
import org.consilium.domain.Username;
import org.consilium.domain.room.GuestLabel;
import org.consilium.domain.room.Invitation;
import org.consilium.domain.room.InvitationLifetime;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomKind;
import org.consilium.domain.room.RoomName;
import org.consilium.domain.room.RoomStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rooms for clinicians and administrators (auditors get 403, anonymous callers 401): create,
 * list the ones you run or were invited to, read one and its visits, name hosts, invite
 * colleagues, close, invite guests. Who may
 * do what to a room is the room's rule (docs/architecture.md); a refusal is a 403, audited.
 */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"clinician", "admin"})
@Tag(name = "Rooms", description = "Rooms, their hosts, visits and guest invitations")
@APIResponse(responseCode = "401", description = "Not signed in")
@APIResponse(responseCode = "403", description = "Your role, or your part in this room, does not allow this (audited)")
public class RoomResource {

    static final int MAX_INVITATION_MINUTES = (int) InvitationLifetime.MAXIMUM.toMinutes();

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    RoomService rooms;

    @Inject
    InvitationService invitations;

    @Inject
    RoomPolicies policies;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a room", description = "The caller owns it. Clinicians and administrators only.")
    @APIResponse(responseCode = "201", description = "Created; Location names the room")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; 'field' names it")
    public Response create(CreateRoomRequest body) {
        if (body == null) {
            throw new InvalidField("displayName", "A room needs a displayName and a kind.");
        }
        RoomName name = InvalidField.read("displayName", () -> new RoomName(body.displayName()));
        RoomKind kind = RoomKind.fromCode(body.kind() == null ? "" : body.kind().strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidField("kind", "The kind of room is one of visit, consult or bedside."));
        GuestLabel label = body.guestLabel() == null ? null
                : InvalidField.read("guestLabel", () -> GuestLabel.forRoom(body.guestLabel(), name.value()));
        Caller caller = caller();
        Room room = rooms.create(caller, name, kind, body.lobby(), label); // null lobby: the room policy's default
        return Response.created(uri.getAbsolutePathBuilder().path(room.id().toString()).build())
                .entity(RoomView.of(room, caller.identity())).build();
    }

    @GET
    @Operation(summary = "List rooms", description = "The rooms you own, host or were invited to, newest first, with how many "
            + "people are in each one's call now; administrators see every room.")
    @APIResponse(responseCode = "200", description = "The rooms")
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<RoomView> list(@Parameter(description = "open (default), closed or all") @QueryParam("status") String status) {
        Caller caller = caller();
        List<Room> listed = rooms.visibleTo(caller, statusFilter(status));
        java.util.Map<RoomId, Integer> inCalls = rooms.peopleInCalls(listed);
        return listed.stream().map(room -> RoomView.of(room, caller.identity(), inCalls.getOrDefault(room.id(), 0))).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a room", description = "Its owner, its hosts and administrators.")
    @APIResponse(responseCode = "200", description = "The room")
    @APIResponse(responseCode = "404", description = "No such room")
    public RoomView get(@PathParam("id") String id) {
        Caller caller = caller();
        return RoomView.of(rooms.get(caller, roomId(id)), caller.identity());
    }

    @GET
    @Path("{id}/visits")
    @Operation(summary = "The room's visits", description = "Start, end, length and participants with their roles, most recent first.")
    @APIResponse(responseCode = "200", description = "The visits")
    @APIResponse(responseCode = "404", description = "No such room")
    public List<VisitView> visits(@PathParam("id") String id) {
        return rooms.visits(caller(), roomId(id)).stream().map(VisitView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Close a room", description = "For good: a visit going on ends, its invitations stop working. Owner, hosts, administrators.")
    @APIResponse(responseCode = "200", description = "The room, closed")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "Already closed")
    public RoomView close(@PathParam("id") String id) {
        Caller caller = caller();
        return RoomView.of(rooms.close(caller, roomId(id)), caller.identity());
    }

    @PUT
    @Path("{id}/hosts/{username}")
    @Operation(summary = "Name a host", description = "The room's owner (or an administrator) names a staff member to run the room with them.")
    @APIResponse(responseCode = "200", description = "The room with its hosts")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "The room is closed, the user is its owner, or it has as many hosts as places")
    public RoomView addHost(@PathParam("id") String id, @PathParam("username") String username) {
        Caller caller = caller();
        return RoomView.of(rooms.addHost(caller, roomId(id), staffMember(username)), caller.identity());
    }

    @DELETE
    @Path("{id}/hosts/{username}")
    @Operation(summary = "Remove a host")
    @APIResponse(responseCode = "200", description = "The room with its hosts")
    @APIResponse(responseCode = "404", description = "No such room")
    public RoomView removeHost(@PathParam("id") String id, @PathParam("username") String username) {
        Caller caller = caller();
        return RoomView.of(rooms.removeHost(caller, roomId(id), staffMember(username)), caller.identity());
    }

    @PUT
    @Path("{id}/colleagues/{username}")
    @Operation(summary = "Invite a colleague", description = "The room's owner or a host invites a staff member by name: the room "
            + "is listed for them, and they may join its calls (through the lobby when it is on). Audited.")
    @APIResponse(responseCode = "200", description = "The room with its colleagues")
    @APIResponse(responseCode = "400", description = "Nobody of that name in the directory ('field': username)")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "The room is closed or has as many invited colleagues as it may")
    public RoomView inviteColleague(@PathParam("id") String id, @PathParam("username") String username) {
        Caller caller = caller();
        return RoomView.of(rooms.inviteColleague(caller, roomId(id), staffMember(username)), caller.identity());
    }

    @DELETE
    @Path("{id}/colleagues/{username}")
    @Operation(summary = "Take back a colleague's invitation", description = "The room's owner or a host. A call they are in goes on.")
    @APIResponse(responseCode = "200", description = "The room with its colleagues")
    @APIResponse(responseCode = "404", description = "No such room")
    public RoomView withdrawColleague(@PathParam("id") String id, @PathParam("username") String username) {
        Caller caller = caller();
        return RoomView.of(rooms.withdrawColleague(caller, roomId(id), staffMember(username)), caller.identity());
    }

    @PUT
    @Path("{id}/guest-label")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set what guests see of the room",
            description = "Guests never see the room's name (it may say who the patient is): before admission, in the lobby, "
                    + "in the call and when it ends they see this label. 1 to 80 characters, no control characters, not the "
                    + "room's name. Owner and hosts. A call going on keeps what it showed; the next one shows the new label.")
    @APIResponse(responseCode = "200", description = "The room, with its label")
    @APIResponse(responseCode = "400", description = "The label will not do; 'field' names it; nothing changed")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "The room is closed")
    public RoomView labelForGuests(@PathParam("id") String id, GuestLabelRequest body) {
        RoomId roomId = roomId(id);
        if (body == null || body.guestLabel() == null) {
            throw new InvalidField("guestLabel", "Give the label as guestLabel; to go back to the default, DELETE it.");
        }
        GuestLabel label = InvalidField.read("guestLabel", () -> new GuestLabel(body.guestLabel()));
        Caller caller = caller();
        return RoomView.of(rooms.changeGuestLabel(caller, roomId, label), caller.identity());
    }

    @DELETE
    @Path("{id}/guest-label")
    @Operation(summary = "Guests see the default label", description = "\"" + GuestLabel.DEFAULT + "\". Owner and hosts.")
    @APIResponse(responseCode = "200", description = "The room")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "The room is closed")
    public RoomView defaultLabelForGuests(@PathParam("id") String id) {
        Caller caller = caller();
        return RoomView.of(rooms.changeGuestLabel(caller, roomId(id), null), caller.identity());
    }

    @POST
    @Path("{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a guest",
            description = "A signed link to this room's lobby, valid 1 minute to the room policy's maximum (at most 7 days; "
                    + "default: the policy's default lifetime, 24 hours unless changed), single-use or not (default: the policy's). "
                    + "The link is returned only this once. Owner and hosts.")
    @APIResponse(responseCode = "201", description = "The link and its expiry")
    @APIResponse(responseCode = "400", description = "expiresInMinutes out of range; 'field' names it")
    @APIResponse(responseCode = "404", description = "No such room")
    @APIResponse(responseCode = "409", description = "The room is closed")
    public Response invite(@PathParam("id") String id, CreateInvitationRequest body) {
        RoomId roomId = roomId(id);
        Integer minutes = body == null ? null : body.expiresInMinutes();
        // Absent: the room policy's default lifetime and single-use default (admin console, Room policies).
        InvitationLifetime lifetime = minutes == null ? null
                : InvalidField.read("expiresInMinutes", () -> policies.current().lifetimeOf(minutes));
        Boolean singleUse = body == null ? null : body.singleUse();
        IssuedInvitation issued = invitations.create(caller(), roomId, lifetime, singleUse);
        Invitation invitation = issued.invitation();
        URI link = joinLink(issued.token());
        return Response.created(uri.getBaseUriBuilder().path("invitations").path(invitation.id().toString()).build())
                .entity(new InvitationView(invitation.id().toString(), roomId.toString(), link.toString(),
                        invitation.expiresAt(), invitation.isSingleUse()))
                .build();
    }

    /** {@code https://<host as the caller reached us>/join/<token>}. */
    private URI joinLink(String token) {
        return uri.getBaseUri().resolve("../join/" + token);
    }

    private Caller caller() {
        return ApiCaller.of(currentStaff, request);
    }

    /** A path segment that is not a room id names no room: 404, as for an unknown one. */
    static RoomId roomId(String text) {
        try {
            return RoomId.parse(text);
        } catch (IllegalArgumentException notAnId) {
            throw new jakarta.ws.rs.WebApplicationException(
                    Problem.response(Response.Status.NOT_FOUND, "There is no such room."));
        }
    }

    private static Username staffMember(String text) {
        return InvalidField.read("username", () -> {
            if (text == null || text.isBlank() || text.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                throw new IllegalArgumentException("A colleague is named by their directory user name, such as bokafor");
            }
            return new Username(text);
        });
    }

    private static RoomStatus statusFilter(String status) {
        String value = status == null || status.isBlank() ? "open" : status.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "open" -> RoomStatus.OPEN;
            case "closed" -> RoomStatus.CLOSED;
            case "all" -> null;
            default -> throw new InvalidField("status", "The status is one of open, closed or all.");
        };
    }
}
