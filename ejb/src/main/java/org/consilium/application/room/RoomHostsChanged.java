package org.consilium.application.room;

import org.consilium.domain.Username;
import org.consilium.domain.room.RoomId;

/**
 * Someone was named a host of a room, or no longer is (a CDI event, observed after the change
 * commits): in the room's live call they act as a host from now on, or no longer.
 *
 * @param host whether {@code who} is a host now
 */
public record RoomHostsChanged(RoomId room, Username who, boolean host) {
}
