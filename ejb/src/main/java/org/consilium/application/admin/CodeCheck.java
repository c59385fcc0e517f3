package org.consilium.application.admin;

import java.time.Instant;
import java.util.Optional;
import org.consilium.domain.admin.SecondFactor;

/** How a typed code was taken, and until when the second factor is locked if it is. */
public record CodeCheck(SecondFactor.Check result, Optional<Instant> lockedUntil) {

    public boolean accepted() {
        return result == SecondFactor.Check.ACCEPTED;
    }

    public boolean locked() {
        return result == SecondFactor.Check.LOCKED || result == SecondFactor.Check.LOCKED_NOW;
    }
}
