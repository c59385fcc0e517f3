package org.consilium.application.room;

import org.consilium.domain.room.RoomId;

/**
 * A room was closed (a CDI event, observed after the closing transaction commits): its
 * live call, if any, ends for everyone. The visit was ended with the room.
 */
public record RoomClosed(RoomId room) {
}
