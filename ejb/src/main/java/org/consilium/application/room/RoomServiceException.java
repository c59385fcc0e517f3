package org.consilium.application.room;

import jakarta.ejb.ApplicationException;

/** What the room and invitation services tell a caller instead of doing what was asked. */
@ApplicationException(rollback = true, inherited = true)
public abstract class RoomServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected RoomServiceException(String message) {
        super(message);
    }
}
