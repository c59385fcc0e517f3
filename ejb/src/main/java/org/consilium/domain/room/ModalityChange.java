package org.consilium.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;

/** From {@link #at()} on, a stint went on in {@link #modality()} (until its next change or its end). */
@Embeddable
public class ModalityChange {

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(name = "modality", nullable = false, length = 16, updatable = false)
    private Modality modality;

    protected ModalityChange() {
        // for JPA
    }

    ModalityChange(Instant at, Modality modality) {
        this.at = Objects.requireNonNull(at, "at");
        this.modality = Objects.requireNonNull(modality, "modality");
    }

    public Instant at() {
        return at;
    }

    public Modality modality() {
        return modality;
    }
}
