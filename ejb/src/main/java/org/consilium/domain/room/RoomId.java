package org.consilium.domain.room;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A room's identity: random, so room ids say nothing about how many rooms there are. */
public record RoomId(UUID value) implements Serializable {

    public RoomId {
        Objects.requireNonNull(value, "value");
    }

    public static RoomId random() {
        return new RoomId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code text} is a UUID in its usual form */
    public static RoomId parse(String text) {
        return new RoomId(Uuids.parse(text, "room id"));
    }

    /** The audit trail's target naming this room. */
    public String auditTarget() {
        return "room:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
