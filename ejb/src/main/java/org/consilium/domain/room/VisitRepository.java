package org.consilium.domain.room;

import java.util.List;
import java.util.Optional;

public interface VisitRepository {

    Optional<Visit> find(VisitId id);

    /** The visit of {@code room} that has not ended, if one is going on. */
    Optional<Visit> current(RoomId room);

    /** The visits of {@code room}, most recent first. */
    List<Visit> of(RoomId room);

    void add(Visit visit);

    /** How many people are in the visit going on of each of {@code rooms} (rooms with none are left out). */
    java.util.Map<RoomId, Integer> presentIn(java.util.Collection<RoomId> rooms);
}
