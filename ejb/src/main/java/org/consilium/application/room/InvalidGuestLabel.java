package org.consilium.application.room;

/** A label for guests that will not do (too long, control characters, the room's own name); nothing changed. */
public class InvalidGuestLabel extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidGuestLabel(String message) {
        super(message.endsWith(".") ? message : message + ".");
    }
}
