package org.consilium.application.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditLog;

/**
 * Use case: something auditable happened. Each event is appended in a transaction of its
 * own (a refused or failed attempt is kept even when the caller's work rolls back), linked
 * to the previous one by its hash; every {@link AuditCheckpoints#everyEvents} events the
 * chain's end is signed by the HSM. If the trail cannot be written, the caller hears it:
 * an audited action must not pretend it was audited.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;

    @Inject
    public AuditTrail(AuditLog log, AuditCheckpoints checkpoints, Clock clock) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    protected AuditTrail() {
        this(null, null, null); // for the EJB container's proxy
    }

    /** @return the record as stored, with its sequence number and hash */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditRecord record(AuditEvent event) {
        AuditLog.ChainHead head = log.lockHead();
        // The database keeps microseconds: the hash must cover exactly what is stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRecord record = AuditRecord.append(head.lastSequence() + 1, now, event.actor(), event.actorRoles(),
                event.clientAddress(), event.action().code(), event.target(), event.outcome().code(),
                event.details(), head.lastHash() == null ? AuditRecord.GENESIS : head.lastHash());
        log.append(record);
        if (checkpoints.dueAfter(record.sequence())) {
            try {
                checkpoints.sign(record, now);
            } catch (RuntimeException hsmUnavailable) {
                // The event stays; the timer signs the chain's end once the HSM answers again.
                LOG.log(Level.WARNING, "Could not sign an audit checkpoint now; the timer retries", hsmUnavailable);
            }
        }
        return record;
    }

    /**
     * Signs the end of the chain if events came after the last checkpoint (the timer's
     * job, so a quiet night's few events do not wait for the thousandth).
     *
     * @return whether a checkpoint was made
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean checkpointIfBehind() {
        AuditLog.ChainHead head = log.lockHead();
        if (head.lastSequence() == 0 || log.lastCheckpointSequence().orElse(0) >= head.lastSequence()) {
            return false;
        }
        AuditRecord last = log.record(head.lastSequence()).orElseThrow(
                () -> new IllegalStateException("the chain head names a record that is not there"));
        checkpoints.sign(last, clock.instant().truncatedTo(ChronoUnit.MICROS));
        return true;
    }
}
