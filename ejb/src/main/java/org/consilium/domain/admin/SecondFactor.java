package org.consilium.domain.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.consilium.domain.Username;

/**
 * One staff member's TOTP second factor: the secret (as the HSM sealed it: this class
 * never holds it in clear), whether the enrolment was confirmed with a first code, the
 * last step a code was accepted for (a code is good once: the same step again is a
 * replay), and the lockout after {@link #MAX_FAILURES} wrong codes in a row.
 */
public final class SecondFactor {

    /** Wrong codes in a row before the account's second factor locks. */
    public static final int MAX_FAILURES = 5;

    private final Username username;
    private final byte[] sealedSecret;
    private final Instant createdAt;
    private Instant confirmedAt;
    private long lastUsedStep;
    private int failures;
    private Instant lockedUntil;

    public SecondFactor(Username username, byte[] sealedSecret, Instant createdAt, Instant confirmedAt,
                        long lastUsedStep, int failures, Instant lockedUntil) {
        this.username = Objects.requireNonNull(username, "username");
        this.sealedSecret = Objects.requireNonNull(sealedSecret, "sealedSecret").clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.confirmedAt = confirmedAt;
        this.lastUsedStep = lastUsedStep;
        this.failures = failures;
        this.lockedUntil = lockedUntil;
    }

    /** A new, unconfirmed enrolment. */
    public static SecondFactor enrol(Username username, byte[] sealedSecret, Instant now) {
        return new SecondFactor(username, sealedSecret, now, null, 0, 0, null);
    }

    /** How a typed code was taken. */
    public enum Check {
        /** The code is right and its step was not used before. */
        ACCEPTED,
        /** Not a code for now ± one step. */
        WRONG_CODE,
        /** Right code, but its step was already used (a code seen over someone's shoulder). */
        REPLAYED,
        /** This attempt was the last one allowed: the second factor is locked now. */
        LOCKED_NOW,
        /** Locked: the code was not even looked at. */
        LOCKED
    }

    /**
     * Checks a code against the clear secret (which the caller unsealed and wipes), and
     * updates the replay guard, the failure count and the lockout.
     */
    public Check check(byte[] secret, String typed, Instant now, Duration lockout) {
        if (isLocked(now)) {
            return Check.LOCKED;
        }
        OptionalLong step = Totp.matchingStep(secret, typed, now);
        if (step.isPresent() && step.getAsLong() > lastUsedStep) {
            lastUsedStep = step.getAsLong();
            failures = 0;
            lockedUntil = null;
            if (confirmedAt == null) {
                confirmedAt = now;
            }
            return Check.ACCEPTED;
        }
        failures++;
        if (failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = now.plus(lockout);
            return Check.LOCKED_NOW;
        }
        return step.isPresent() ? Check.REPLAYED : Check.WRONG_CODE;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    public Username username() {
        return username;
    }

    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    public long lastUsedStep() {
        return lastUsedStep;
    }

    public int failures() {
        return failures;
    }

    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil);
    }
}
