package org.consilium.application.room;

import org.consilium.domain.room.RoomId;

/** No room has this id. */
public class RoomNotFound extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public RoomNotFound(RoomId id) {
        super("There is no room " + id + ".");
    }
}
