package org.consilium.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;

/**
 * A host confirmed the identity of the person of a stint, and how (REQUIREMENTS D5). Kept
 * with that stint, one row per check (a second check adds a row; none is changed).
 */
@Embeddable
public class IdentityCheck {

    @Enumerated(EnumType.STRING)
    @Column(name = "method", nullable = false, length = 32, updatable = false)
    private IdentityMethod method;

    @Column(name = "confirmed_by", nullable = false, length = 256, updatable = false)
    private String confirmedBy;

    @Column(name = "confirmed_at", nullable = false, updatable = false)
    private Instant at;

    protected IdentityCheck() {
        // for JPA
    }

    public IdentityCheck(IdentityMethod method, String confirmedBy, Instant at) {
        this.method = Objects.requireNonNull(method, "method");
        this.confirmedBy = Objects.requireNonNull(confirmedBy, "confirmedBy");
        this.at = Objects.requireNonNull(at, "at");
    }

    public IdentityMethod method() {
        return method;
    }

    /** The host's username. */
    public String confirmedBy() {
        return confirmedBy;
    }

    public Instant at() {
        return at;
    }
}
