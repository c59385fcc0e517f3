package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SortedSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.hsm.HsmStatus;
import org.consilium.hsm.HsmStatusSource;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.kek.Kek;
import org.consilium.hsm.token.TokenException;

/**
 * Use cases of the console's Keys page: what the HSM holds, and rotating the
 * key-encryption key (administrators only; audited as {@code key-rotated} with the
 * versions before and after). Rotation adds KEK version n+1 in the token, which wraps every
 * new data key from then on; older versions stay and still unwrap what they wrapped
 * (docs/security.md, "Rotation and crypto-shredding"). Nothing is rewrapped or destroyed here.
 */
@ApplicationScoped
public class KeyAdministration {

    /** The audit target of a KEK rotation. */
    public static final String KEK_TARGET = "key:consilium-kek";

    private static final Logger LOG = Logger.getLogger(KeyAdministration.class.getName());

    @Inject
    HsmStatusSource hsm;

    @Inject
    Instance<KeyService> keys;

    @Inject
    AuditTrail trail;

    public KeyOverview overview() {
        HsmStatus status = hsm.status();
        Optional<String> fingerprint = Optional.empty();
        if (status.auditSigningKeyPresent()) {
            try {
                fingerprint = Optional.of(fingerprint(keys.get().auditSigner().publicKeyDer()));
            } catch (RuntimeException unavailable) { // the HSM went away between the two looks
                fingerprint = Optional.empty();
            }
        }
        return new KeyOverview(hsm.token(), status.tokenPresent(), status.loggedIn(), status.kekVersions(),
                status.currentKekVersion(), hsm.auditKeyId(), fingerprint, status.auditSigningKeyPresent(),
                status.invitationKeyPresent(), status.problems());
    }

    /** What came of a rotation. */
    public record Rotation(Outcome outcome, int before, int after, SortedSet<Integer> usable) {

        public enum Outcome {
            /** Version {@code after} is on the token and wraps new data keys. */
            DONE,
            /** Only administrators rotate keys. */
            REFUSED_ROLE,
            /** The HSM is not available or refused to create the key: nothing changed. */
            UNAVAILABLE
        }
    }

    /** Adds KEK version n+1 (administrators only), audited with the versions before and after. */
    public Rotation rotate(Caller caller) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.KEY_ROTATED.code()).build());
            return new Rotation(Rotation.Outcome.REFUSED_ROLE, 0, 0, new java.util.TreeSet<>());
        }
        KeyService service;
        int before;
        try {
            service = keys.get();
            before = service.keks().current().version();
        } catch (RuntimeException unavailable) {
            trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.FAILURE)
                    .detail("reason", "hsm-unavailable").build());
            return new Rotation(Rotation.Outcome.UNAVAILABLE, 0, 0, new java.util.TreeSet<>());
        }
        Kek created;
        try {
            created = service.keks().rotate();
        } catch (TokenException refused) {
            LOG.log(Level.WARNING, "KEK rotation failed in the token", refused);
            trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.FAILURE)
                    .detail("before", Integer.toString(before)).detail("reason", "token-refused").build());
            return new Rotation(Rotation.Outcome.UNAVAILABLE, before, before, service.keks().versions());
        }
        SortedSet<Integer> usable = service.keks().versions();
        trail.record(event(caller, AuditAction.KEY_ROTATED, AuditOutcome.SUCCESS)
                .detail("key", "kek")
                .detail("before", Integer.toString(before))
                .detail("after", Integer.toString(created.version()))
                .detail("usable", usable.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .build());
        LOG.info(() -> "KEK rotated by " + caller.username() + ": version " + before + " -> " + created.version());
        return new Rotation(Rotation.Outcome.DONE, before, created.version(), usable);
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(KEK_TARGET).outcome(outcome);
    }

    /** SHA-256 of the DER encoding in hex, as the offline verifier prints it ({@code consilium-audit verify}). */
    static String fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
