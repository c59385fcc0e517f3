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
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportHeader;
import org.consilium.audit.export.ExportWriter;
import org.consilium.domain.audit.AuditLog;

/**
 * Use case: an auditor takes a time range of the trail away, as JSON lines with the
 * checkpoints that cover it, to verify offline with the public key (docs/audit.md). The
 * export begins with the newest checkpoint before the range and the events after it, so
 * that its first event is anchored to a signature.
 * That the trail was read is itself recorded, by the caller, before the export starts.
 */
@Stateless
public class AuditExport {

    private final AuditLog log;
    private final Clock clock;

    @Inject
    public AuditExport(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    protected AuditExport() {
        this(null, null); // for the EJB container's proxy
    }

    /** Writes the records that occurred in [from, to) and their checkpoints; returns how many records. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long export(Instant from, Instant to, OutputStream out) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the export's start must be before its end");
        }
        AuditLog.SequenceRange range = log.range(from, to);
        long[] written = {0};
        try (ExportWriter writer = ExportWriter.create(out, new ExportHeader(from, to, clock.instant()))) {
            if (!range.isEmpty()) {
                // Start at the newest signed checkpoint before the period, so that the verifier
                // can link the first event to a signature ("anchored"); the few events between
                // that checkpoint and the period come along for that.
                Optional<Checkpoint> anchor = log.checkpointBefore(range.first());
                anchor.ifPresent(checkpoint -> write(writer, checkpoint));
                long start = anchor.map(checkpoint -> checkpoint.sequence() + 1).orElse(range.first());
                log.read(start, range.last(), record -> {
                    write(writer, record);
                    written[0]++;
                }, checkpoint -> write(writer, checkpoint));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("the export could not be written", failed);
        }
        return written[0];
    }

    private static void write(ExportWriter writer, org.consilium.audit.chain.ChainEntry entry) {
        try {
            writer.write(entry);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
