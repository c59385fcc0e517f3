package org.consilium.domain.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.consilium.domain.room.RoomKind;

/**
 * How long recordings are kept after they stop, by the kind of their room (days; empty:
 * until an administrator deletes them). A recording on legal hold is kept whatever this says.
 * A change applies to every recording, those stored already included: the policy in force is
 * the one that counts.
 */
public record RecordingRetention(Map<RoomKind, Optional<Integer>> days) {

    public static final int LONGEST_DAYS = 36500;

    public RecordingRetention {
        EnumMap<RoomKind, Optional<Integer>> all = new EnumMap<>(RoomKind.class);
        for (RoomKind kind : RoomKind.values()) {
            Optional<Integer> value = days.getOrDefault(kind, Optional.empty());
            value.ifPresent(d -> {
                if (d < 1 || d > LONGEST_DAYS) {
                    throw new IllegalArgumentException("Keep recordings 1 to " + LONGEST_DAYS + " days, or leave it empty.");
                }
            });
            all.put(kind, value);
        }
        days = Map.copyOf(all);
    }

    public Optional<Integer> daysFor(RoomKind kind) {
        return days.get(kind);
    }

    /** When a recording of a {@code kind} room that stopped at {@code stoppedAt} may be shredded; empty: never by itself. */
    public Optional<Instant> expiry(RoomKind kind, Instant stoppedAt) {
        return daysFor(kind).map(d -> stoppedAt.plus(Duration.ofDays(d)));
    }
}
