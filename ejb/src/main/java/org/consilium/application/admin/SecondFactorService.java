package org.consilium.application.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.Username;
import org.consilium.domain.admin.Base32;
import org.consilium.domain.admin.SecondFactor;
import org.consilium.domain.admin.SecondFactorRepository;
import org.consilium.domain.admin.Totp;
import org.consilium.domain.admin.TotpSecretSeal;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Use cases of the console's second factor (TOTP, RFC 6238): enrol (a secret made here,
 * sealed by the HSM, confirmed by a first code), verify a code at the start of a console
 * session, and reset someone's second factor when their phone is lost. Each code checked
 * is audited, right or wrong; the check, its replay guard and the failure count happen
 * under a row lock, so two attempts at once cannot both use one code or both escape the
 * lockout.
 */
@Stateless
public class SecondFactorService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecondFactorRepository repository;

    @Inject
    TotpSecretSeal seal;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consilium.admin.totp.lockout", defaultValue = "PT15M")
    Duration lockout;

    @Inject
    @ConfigProperty(name = "consilium.admin.totp.issuer", defaultValue = "Consilium")
    String issuer;

    public SecondFactorStatus status(Username who) {
        return repository.find(who).map(f -> f.isConfirmed() ? SecondFactorStatus.ACTIVE : SecondFactorStatus.PENDING)
                .orElse(SecondFactorStatus.NONE);
    }

    /**
     * The secret to add to an authenticator app: the pending one if the person already
     * started (a reload shows the same secret), otherwise a new one.
     *
     * @throws IllegalStateException if the person is enrolled already (only a reset starts over)
     */
    public SecondFactorEnrolment enrolment(Caller caller) {
        Username who = caller.identity().username();
        Optional<SecondFactor> existing = repository.lock(who);
        if (existing.isPresent() && existing.get().isConfirmed()) {
            throw new IllegalStateException("already enrolled");
        }
        byte[] secret = existing.isPresent() ? seal.open(who, existing.get().sealedSecret()) : newSecret();
        try {
            if (existing.isEmpty()) {
                repository.save(SecondFactor.enrol(who, seal.seal(who, secret), now()));
            }
            String base32 = Base32.encode(secret);
            return new SecondFactorEnrolment(Base32.grouped(base32), keyUri(who, base32));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Confirms a pending enrolment with the first code from the app; the person is then verified too. */
    public CodeCheck confirm(Caller caller, String code) {
        Username who = caller.identity().username();
        Optional<SecondFactor> pending = repository.lock(who).filter(f -> !f.isConfirmed());
        if (pending.isEmpty()) {
            audit(caller, AuditAction.SECOND_FACTOR_FAILED, AuditOutcome.FAILURE, "enrolment", "not-pending", null);
            return new CodeCheck(SecondFactor.Check.WRONG_CODE, Optional.empty());
        }
        CodeCheck result = check(who, pending.get(), code);
        if (result.accepted()) {
            audit(caller, AuditAction.SECOND_FACTOR_ENROLLED, AuditOutcome.SUCCESS, "enrolment", null, null);
        } else {
            audit(caller, AuditAction.SECOND_FACTOR_FAILED, AuditOutcome.FAILURE, "enrolment", reason(result),
                    result.lockedUntil().orElse(null));
        }
        return result;
    }

    /** Checks the code of an enrolled person at the start of a console session. */
    public CodeCheck verify(Caller caller, String code) {
        Username who = caller.identity().username();
        Optional<SecondFactor> enrolled = repository.lock(who).filter(SecondFactor::isConfirmed);
        if (enrolled.isEmpty()) {
            audit(caller, AuditAction.SECOND_FACTOR_FAILED, AuditOutcome.FAILURE, "verification", "not-enrolled", null);
            return new CodeCheck(SecondFactor.Check.WRONG_CODE, Optional.empty());
        }
        CodeCheck result = check(who, enrolled.get(), code);
        if (result.accepted()) {
            audit(caller, AuditAction.SECOND_FACTOR_VERIFIED, AuditOutcome.SUCCESS, "verification", null, null);
        } else {
            audit(caller, AuditAction.SECOND_FACTOR_FAILED, AuditOutcome.FAILURE, "verification", reason(result),
                    result.lockedUntil().orElse(null));
        }
        return result;
    }

    /** What came of a reset. */
    public enum Reset {
        /** Removed: the person enrols again at their next console sign-in. */
        DONE,
        /** The person had no second factor. */
        NOTHING_TO_RESET,
        /** Nobody resets their own second factor: another administrator does. */
        REFUSED_OWN,
        /** Only administrators reset second factors. */
        REFUSED_ROLE
    }

    /** An administrator removes another person's second factor (lost or replaced phone). */
    public Reset reset(Caller caller, Username whose) {
        String target = "staff:" + whose.value();
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, target)
                    .detail("attempted", AuditAction.SECOND_FACTOR_RESET.code()).build());
            return Reset.REFUSED_ROLE;
        }
        if (caller.identity().username().equals(whose)) {
            trail.record(event(caller, AuditAction.SECOND_FACTOR_RESET, AuditOutcome.DENIED, target)
                    .detail("reason", "own-second-factor").build());
            return Reset.REFUSED_OWN;
        }
        Optional<SecondFactor> existing = repository.lock(whose);
        if (existing.isEmpty()) {
            trail.record(event(caller, AuditAction.SECOND_FACTOR_RESET, AuditOutcome.FAILURE, target)
                    .detail("reason", "none-enrolled").build());
            return Reset.NOTHING_TO_RESET;
        }
        repository.delete(whose);
        trail.record(event(caller, AuditAction.SECOND_FACTOR_RESET, AuditOutcome.SUCCESS, target)
                .detail("was", existing.get().isConfirmed() ? "active" : "pending").build());
        return Reset.DONE;
    }

    private CodeCheck check(Username who, SecondFactor factor, String code) {
        byte[] secret = seal.open(who, factor.sealedSecret());
        try {
            Instant now = now();
            SecondFactor.Check result = factor.check(secret, code, now, lockout);
            repository.save(factor);
            return new CodeCheck(result, factor.isLocked(now) ? factor.lockedUntil() : Optional.empty());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static String reason(CodeCheck check) {
        return switch (check.result()) {
            case ACCEPTED -> "accepted";
            case WRONG_CODE -> "wrong-code";
            case REPLAYED -> "replayed";
            case LOCKED_NOW -> "wrong-code-locked";
            case LOCKED -> "locked";
        };
    }

    private void audit(Caller caller, AuditAction action, AuditOutcome outcome, String stage, String reason,
                       Instant lockedUntil) {
        AuditEvent.Builder event = event(caller, action, outcome, "staff:" + caller.username()).detail("stage", stage);
        if (reason != null) {
            event.detail("reason", reason);
        }
        if (lockedUntil != null) {
            event.detail("locked-until", lockedUntil.toString());
        }
        trail.record(event.build());
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome, String target) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(target).outcome(outcome);
    }

    /** RFC 6238 key URI (the Google Authenticator key-URI format every app reads). */
    String keyUri(Username who, String base32) {
        String label = encode(issuer + ":" + who.value());
        return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
