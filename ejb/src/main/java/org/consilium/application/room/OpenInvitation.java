package org.consilium.application.room;

import java.time.Instant;
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.InvitationId;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.RoomId;

/**
 * A genuine, usable invitation as its page shows it: what guests see of the room (its label,
 * never its name), the privacy notice and the consent to treat in force, nothing of the directory.
 */
public record OpenInvitation(InvitationId invitation, RoomId room, String guestLabel, Instant expiresAt,
                             PrivacyNotice notice, ConsentToTreat consentToTreat) {
}
