package org.consilium.web.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.consilium.application.room.DirectoryUnavailable;
import org.consilium.application.room.InvalidGuestLabel;
import org.consilium.application.room.InvalidSearch;
import org.consilium.application.room.InvitationNotFound;
import org.consilium.application.room.InvitationRefused;
import org.consilium.application.room.RoomAccessDenied;
import org.consilium.application.room.RoomNotFound;
import org.consilium.application.room.RoomServiceException;
import org.consilium.application.room.UnknownStaff;
import org.consilium.domain.room.InvitationRefusal;
import org.consilium.domain.room.RoomRuleViolation;

/**
 * What the room services said, as the API's problem body: unknown room or invitation 404,
 * not the caller's room 403 (the service has audited it already), a room that is not in a
 * state to do this 409.
 */
@Provider
public class RoomProblemMapper implements ExceptionMapper<RoomServiceException> {

    @Override
    public Response toResponse(RoomServiceException failure) {
        if (failure instanceof UnknownStaff) {
            return Problem.badField("username", failure.getMessage());
        }
        if (failure instanceof InvalidSearch) {
            return Problem.badField("q", failure.getMessage());
        }
        if (failure instanceof InvalidGuestLabel) {
            return Problem.badField("guestLabel", failure.getMessage());
        }
        if (failure instanceof DirectoryUnavailable) {
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, failure.getMessage());
        }
        Response.Status status;
        if (failure instanceof RoomNotFound || failure instanceof InvitationNotFound) {
            status = Response.Status.NOT_FOUND;
        } else if (failure instanceof RoomAccessDenied) {
            status = Response.Status.FORBIDDEN;
        } else if (failure instanceof InvitationRefused refused) {
            status = refused.reason() == InvitationRefusal.FORGED ? Response.Status.FORBIDDEN : Response.Status.GONE;
        } else {
            status = Response.Status.BAD_REQUEST;
        }
        return Problem.response(status, failure.getMessage());
    }

    /** A room, visit or invitation that is not in a state to do what was asked: 409. */
    @Provider
    public static class RuleMapper implements ExceptionMapper<RoomRuleViolation> {
        @Override
        public Response toResponse(RoomRuleViolation failure) {
            return Problem.response(Response.Status.CONFLICT, failure.getMessage());
        }
    }
}
