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
 * @param yourRole     {@code owner} or {@code host} when the caller runs the room, {@code invited} when a
 *                     colleague invited them by name, absent otherwise (an administrator)
 * @param colleagues   who was invited by name (usernames); shown to those who run the room only
 * @param inCall       how many people are in its call now (in a list of rooms; 0 elsewhere)
 * @param guestLabel   the label its hosts chose for guests, absent when they chose none
 * @param shownToGuests what guests see of the room instead of its name: the label, or the default
 */
public record RoomView(String id, String displayName, String kind, String owner, List<String> hosts,
                       List<String> colleagues, String yourRole, boolean lobby, boolean locked, int maxParticipants,
                       String status, Instant createdAt, Instant closedAt, String guestLabel, String shownToGuests,
                       int inCall) {

    static RoomView of(Room room, StaffIdentity viewer) {
        return of(room, viewer, 0);
    }

    static RoomView of(Room room, StaffIdentity viewer, int inCall) {
        String role = room.roleOf(viewer.username()).map(VisitRole::code)
                .orElse(room.isInvited(viewer.username()) ? "invited" : null);
        return new RoomView(room.id().toString(), room.displayName(), room.kind().code(), room.owner().value(),
                List.copyOf(room.hosts()), room.isVisibleTo(viewer) ? List.copyOf(room.colleagues()) : List.of(), role,
                room.lobbyEnabled(), room.isLocked(), room.maxParticipants(), room.status().code(),
                room.createdAt(), room.closedAt().orElse(null),
                room.guestLabel().map(GuestLabel::value).orElse(null), room.shownToGuests(), inCall);
    }
}
