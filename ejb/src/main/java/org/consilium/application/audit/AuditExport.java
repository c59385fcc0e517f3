package org.consilium.application.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportHeader;
import org.consilium.audit.export.ExportWriter;
import org.consilium.domain.audit.AuditLog;

/**
 * Use case: an auditor takes a time range of the trail away, as JSON lines with the
 * checkpoints that cover it, to verify offline with the public key (docs/audit.md). The
 * export begins with the newest checkpoint before the range and the events after it, so
 * that its first event is anchored to a signature, and it ends on a signed checkpoint: the
 * first one at or after the range's last event, made now by the HSM if there is none yet,
 * with the events up to it. So every event in the file is vouched for by a signature, and
 * an edit of its last events (re-hashed or not) fails verification (docs/audit.md).
 * That the trail was read is itself recorded, by the caller, before the export starts.
 */
@Stateless
public class AuditExport {

    private final AuditLog log;
    private final AuditTrail trail;
    private final Clock clock;

    @Inject
    public AuditExport(AuditLog log, AuditTrail trail, Clock clock) {
        this.log = log;
        this.trail = trail;
        this.clock = clock;
    }

    protected AuditExport() {
        this(null, null, null); // for the EJB container's proxy
    }

    /**
     * Writes the records that occurred in [from, to) and their checkpoints; returns how many records.
     *
     * @throws IllegalStateException before writing anything, when the end of the period has no
     *     checkpoint and the HSM cannot sign one now (an export it would not cover is not made)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long export(Instant from, Instant to, OutputStream out) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the export's start must be before its end");
        }
        AuditLog.SequenceRange range = log.range(from, to);
        long end = range.isEmpty() ? range.last() : closingCheckpoint(range.last());
        long[] written = {0};
        try (ExportWriter writer = ExportWriter.create(out, new ExportHeader(from, to, clock.instant()))) {
            if (!range.isEmpty()) {
                // Start at the newest signed checkpoint before the period, so that the verifier
                // can link the first event to a signature ("anchored"); the few events between
                // that checkpoint and the period come along for that.
                Optional<Checkpoint> anchor = log.checkpointBefore(range.first());
                anchor.ifPresent(checkpoint -> write(writer, checkpoint));
                long start = anchor.map(checkpoint -> checkpoint.sequence() + 1).orElse(range.first());
                log.read(start, end, record -> {
                    write(writer, record);
                    written[0]++;
                }, checkpoint -> write(writer, checkpoint));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("the export could not be written", failed);
        }
        return written[0];
    }

    /** The sequence of the first checkpoint at or after {@code last}, signed now if there is none yet. */
    private long closingCheckpoint(long last) {
        OptionalLong closing = log.checkpointAtOrAfter(last);
        if (closing.isPresent()) {
            return closing.getAsLong();
        }
        try {
            trail.checkpointIfBehind(); // its own transaction: committed, so the read below sees it
        } catch (RuntimeException hsmUnavailable) {
            throw new IllegalStateException("the HSM could not sign the end of the export now; try again when it answers",
                    hsmUnavailable);
        }
        return log.checkpointAtOrAfter(last).orElseThrow(() -> new IllegalStateException(
                "no checkpoint covers the end of the export after signing the chain's end"));
    }

    private static void write(ExportWriter writer, org.consilium.audit.chain.ChainEntry entry) {
        try {
            writer.write(entry);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
