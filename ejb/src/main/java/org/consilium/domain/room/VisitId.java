package org.consilium.domain.room;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One visit's identity. */
public record VisitId(UUID value) implements Serializable {

    public VisitId {
        Objects.requireNonNull(value, "value");
    }

    public static VisitId random() {
        return new VisitId(UUID.randomUUID());
    }

    /** The audit trail's target naming this visit. */
    public String auditTarget() {
        return "visit:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
