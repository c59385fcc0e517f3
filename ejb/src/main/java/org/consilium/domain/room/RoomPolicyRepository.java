package org.consilium.domain.room;

import java.time.Instant;
import org.consilium.domain.Username;

/** Where the room policy is kept (one per appliance). */
public interface RoomPolicyRepository {

    /** The policy in force ({@link RoomPolicy#DEFAULTS} when none was ever stored). */
    RoomPolicy current();

    /** The policy in force, locked until the transaction ends (for a change). */
    RoomPolicy lock();

    void save(RoomPolicy policy, Username changedBy, Instant changedAt);
}
