package org.consilium.application.room;

/** A search for colleagues that cannot be run as typed (too short, too long). */
public class InvalidSearch extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public InvalidSearch(String message) {
        super(message);
    }
}
