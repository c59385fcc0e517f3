package org.consilium.domain.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.Checkpoint;

/**
 * The stored trail. Every method runs in the caller's transaction; {@link #lockHead} holds
 * the end of the chain until that transaction ends, so appends are strictly one after another.
 */
public interface AuditLog {

    /** The end of the chain, locked for this transaction. */
    ChainHead lockHead();

    /** Stores the record (whose sequence follows the head) and moves the head to it. */
    void append(AuditRecord record);

    void addCheckpoint(Checkpoint checkpoint);

    Optional<AuditRecord> record(long sequence);

    /** The sequence of the newest checkpoint, if there is one. */
    OptionalLong lastCheckpointSequence();

    /** Records from {@code first} on, in sequence order, with the checkpoints after the record they cover. */
    void read(long first, long last, Consumer<AuditRecord> records, Consumer<Checkpoint> checkpoints);

    /** Up to {@code max} records after {@code sequence}, in order. */
    List<AuditRecord> after(long sequence, int max);

    /** The last sequence delivered to an export target (0 if none yet). */
    long deliveredUpTo(String target);

    /** Moves a target's delivery cursor forward. */
    void delivered(String target, long sequence, Instant at);

    /** The sequence range of the records that occurred in [from, to), empty if none. */
    SequenceRange range(Instant from, Instant to);

    /**
     * Up to {@code limit} records matching {@code criteria}, newest first (descending
     * sequence), all below {@code before} (keyset paging: pass the last sequence of the
     * previous page; {@code Long.MAX_VALUE} for the first).
     */
    List<AuditRecord> search(AuditCriteria criteria, long before, int limit);

    /** The newest checkpoint covering a record before {@code sequence}, if any (an anchor for verifying from there). */
    Optional<Checkpoint> checkpointBefore(long sequence);

    /** The sequence of the oldest checkpoint at or after {@code sequence}, if any. */
    OptionalLong checkpointAtOrAfter(long sequence);

    /** The end of the chain: its last sequence (0 when empty) and that record's hash. */
    record ChainHead(long lastSequence, byte[] lastHash) {
    }

    /** Sequences {@code first} to {@code last} inclusive; empty when first > last. */
    record SequenceRange(long first, long last) {
        public boolean isEmpty() {
            return first > last;
        }
    }
}
