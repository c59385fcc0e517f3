package org.consilium.application.room;

import org.consilium.domain.room.Guest;

/**
 * A guest who gave their name on a genuine invitation and acknowledged the privacy notice,
 * on their way to the room's lobby, with what they see of the room (its label, never its name).
 */
public record AdmittedGuest(Guest guest, String guestLabel) {
}
