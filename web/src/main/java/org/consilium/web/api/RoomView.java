package org.consilium.web.api;

import java.time.Instant;
import java.util.List;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.room.GuestLabel;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.VisitRole;

/**
 * A room as the API shows it.
 *
 * @param yourRole     {@code owner} or {@code host} when the caller runs the room, absent otherwise
 * @param guestLabel   the label its hosts chose for guests, absent when they chose none
 * @param shownToGuests what guests see of the room instead of its name: the label, or the default
 */
public record RoomView(String id, String displayName, String kind, String owner, List<String> hosts, String yourRole,
                       boolean lobby, boolean locked, int maxParticipants, String status, Instant createdAt,
                       Instant closedAt, String guestLabel, String shownToGuests) {

    static RoomView of(Room room, StaffIdentity viewer) {
        return new RoomView(room.id().toString(), room.displayName(), room.kind().code(), room.owner().value(),
                List.copyOf(room.hosts()), room.roleOf(viewer.username()).map(VisitRole::code).orElse(null),
                room.lobbyEnabled(), room.isLocked(), room.maxParticipants(), room.status().code(),
                room.createdAt(), room.closedAt().orElse(null),
                room.guestLabel().map(GuestLabel::value).orElse(null), room.shownToGuests());
    }
}
