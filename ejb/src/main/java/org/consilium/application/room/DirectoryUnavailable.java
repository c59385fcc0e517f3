package org.consilium.application.room;

/** The hospital's directory did not answer a question the use case needs answered. */
public class DirectoryUnavailable extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public DirectoryUnavailable(String message) {
        super(message);
    }
}
