package org.consilium.domain.recording;

import java.util.Objects;
import java.util.UUID;

/** One recording's identity; also the name of its directory on the recordings volume. */
public record RecordingId(UUID value) {

    public RecordingId {
        Objects.requireNonNull(value, "value");
    }

    public static RecordingId random() {
        return new RecordingId(UUID.randomUUID());
    }

    /** The audit trail's target naming this recording. */
    public String auditTarget() {
        return "recording:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
