package org.consilium.domain.room;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A guest invitation's identity (random, 122 bits). */
public record InvitationId(UUID value) implements Serializable {

    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    public static InvitationId random() {
        return new InvitationId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code text} is a UUID in its usual form */
    public static InvitationId parse(String text) {
        return new InvitationId(Uuids.parse(text, "invitation id"));
    }

    /** The audit trail's target naming this invitation (never the token). */
    public String auditTarget() {
        return "invitation:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
