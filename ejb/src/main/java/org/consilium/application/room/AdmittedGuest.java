package org.consilium.application.room;

import org.consilium.domain.room.Guest;

/** A guest who gave their name on a genuine invitation, on their way to the room's lobby. */
public record AdmittedGuest(Guest guest, String roomName) {
}
