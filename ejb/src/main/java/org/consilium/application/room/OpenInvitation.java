package org.consilium.application.room;

import java.time.Instant;
import org.consilium.domain.room.InvitationId;
import org.consilium.domain.room.RoomId;

/** A genuine, usable invitation as its page shows it: only the room's name, nothing of the directory. */
public record OpenInvitation(InvitationId invitation, RoomId room, String roomName, Instant expiresAt) {
}
