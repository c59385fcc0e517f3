package org.consilium.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.domain.audit.AuditLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs the end of the chain: after every {@code consilium.audit.checkpoint-every} events
 * (default 1,000) and, for quiet periods, by a timer ({@link AuditCheckpointTimer}). A
 * signed checkpoint fixes everything before it: rewriting history would need the HSM.
 * Callers hold the chain's head lock, so two checkpoints never race.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private final AuditLog log;
    private final CheckpointSigner signer;
    private final long everyEvents;

    @Inject
    public AuditCheckpoints(AuditLog log, CheckpointSigner signer,
                            @ConfigProperty(name = "consilium.audit.checkpoint-every", defaultValue = "1000") long everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("consilium.audit.checkpoint-every must be at least 1");
        }
        this.log = log;
        this.signer = signer;
        this.everyEvents = everyEvents;
    }

    protected AuditCheckpoints() {
        this.log = null; // for the CDI proxy
        this.signer = null;
        this.everyEvents = 1;
    }

    /** Whether the record with this sequence is to be covered by a checkpoint at once. */
    public boolean dueAfter(long sequence) {
        return sequence % everyEvents == 0;
    }

    /** Signs a checkpoint for {@code record}, the current end of the chain. */
    public Checkpoint sign(AuditRecord record, Instant now) {
        Checkpoint signed = Checkpoint.sign(record.sequence(), now, record.hash(), signer.keyId(), signer::sign);
        log.addCheckpoint(signed);
        return signed;
    }

    /** The public key checkpoints verify with (PEM), for auditors and the offline verifier. */
    public String publicKeyPem() {
        return signer.publicKeyPem();
    }
}
