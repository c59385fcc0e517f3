package org.consilium.application.room;

/** The caller may not do this to this room; already audited as access-denied. */
public class RoomAccessDenied extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public RoomAccessDenied(String message) {
        super(message);
    }
}
