package org.consilium.domain.room;

import java.util.List;
import java.util.Optional;
import org.consilium.domain.Username;

public interface RoomRepository {

    Optional<Room> find(RoomId id);

    void add(Room room);

    /** Rooms {@code who} owns or hosts, newest first; only those with {@code status} unless it is null. */
    List<Room> runBy(Username who, RoomStatus status);

    /** As {@link #runBy}, and the rooms {@code who} was invited to by name. */
    List<Room> listedFor(Username who, RoomStatus status);

    /** Every room, newest first; only those with {@code status} unless it is null. */
    List<Room> all(RoomStatus status);
}
