package org.consilium.application.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.verify.ChainVerifier;
import org.consilium.audit.verify.PublicKeyPem;
import org.consilium.audit.verify.VerificationReport;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditLog;
import org.consilium.domain.audit.AuditOutcome;

/**
 * Use case: verify the chain over a period, in the server, with the same verifier and the
 * same public key (the HSM's audit key) an auditor uses offline on an export of it. The
 * period is widened to the signed checkpoints around it: from just after the newest
 * checkpoint before it (which anchors the first record) to the first checkpoint at or
 * after its end, so every record of the period is vouched for by a signature if one
 * exists yet. The result is audited ({@code audit-verified}: success, or failure with the
 * first bad sequence).
 */
@Stateless
public class AuditVerification {

    @Inject
    AuditLog log;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    CheckpointSigner signer;

    @Inject
    AuditTrail trail;

    public ChainCheck verify(Caller caller, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the start of the period must be before its end");
        }
        ECPublicKey key = PublicKeyPem.parse(checkpoints.publicKeyPem());
        String keyId = signer.keyId();
        AuditLog.SequenceRange range = log.range(from, to);
        ChainVerifier verifier = new ChainVerifier(key);
        ChainCheck check;
        if (range.isEmpty()) {
            check = new ChainCheck(0, 0, 0, 0, keyId, verifier.report());
        } else {
            Optional<Checkpoint> anchor = log.checkpointBefore(range.first());
            long first = anchor.map(c -> c.sequence() + 1).orElse(1L);
            long last = log.checkpointAtOrAfter(range.last()).orElse(range.last());
            anchor.ifPresent(verifier::accept);
            log.read(first, last, verifier::accept, verifier::accept);
            check = new ChainCheck(range.first(), range.last(), first, last, keyId, verifier.report());
        }
        VerificationReport report = check.report();
        AuditEvent.Builder event = AuditEvent.of(AuditAction.AUDIT_VERIFIED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target("audit:" + from + "/" + to)
                .outcome(report.verified() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
                .detail("records", Long.toString(report.recordsChecked()))
                .detail("checkpoints", Long.toString(report.checkpointsChecked()))
                .detail("key", keyId);
        if (!check.empty()) {
            event.detail("sequences", check.firstVerified() + "-" + check.lastVerified());
        }
        report.failure().ifPresent(failure -> event.detail("first-bad-sequence", Long.toString(failure.sequence()))
                .detail("reason", failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        trail.record(event.build());
        return check;
    }
}
