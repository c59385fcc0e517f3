package org.consilium.application.room;

import org.consilium.domain.Username;

/** A user name that the hospital's directory does not know (named as a host). */
public class UnknownStaff extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    public UnknownStaff(Username who) {
        super("There is nobody called " + who.value() + " in the hospital's directory.");
    }
}
