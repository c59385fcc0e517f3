package org.consilium.application.room;

import org.consilium.domain.room.InvitationId;

/** No invitation has this id. */
public class InvitationNotFound extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public InvitationNotFound(InvitationId id) {
        super("There is no invitation " + id + ".");
    }
}
