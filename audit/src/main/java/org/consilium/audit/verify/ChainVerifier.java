package org.consilium.audit.verify;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportFormatException;
import org.consilium.audit.export.ExportReader;

/**
 * Checks an export's entries in file order, keeping only the last hash, so any number of
 * records fits in constant memory.
 *
 * <p>Read in file order, each event must continue the chain: its sequence is the one due
 * (last + 1), its hash is intact, and its previousHash is the last record's hash. Each
 * checkpoint must follow the event it covers, name that event's hash, and carry a valid
 * signature. The first event is taken as the anchor (its previousHash unchecked) unless it
 * is sequence 1, whose previousHash must be GENESIS, or a checkpoint for the sequence just
 * below it came first, whose hash it must follow.
 *
 * <p>The first bad sequence is the sequence at which that first fails: the event's own for
 * a hash mismatch or broken link, the checkpoint's for a bad signature or checkpoint hash
 * mismatch, and the sequence that was due when another one arrived (a gap if it never
 * appears, out of order if it appears later in the file or a sequence arrives twice).
 * Every record below it was verified. After a gap the rest of the file is only read to
 * tell a gap from a move; nothing else is checked after the first failure.
 */
public final class ChainVerifier {

    /** Our own copy: AuditRecord.GENESIS is a public array. */
    private static final byte[] GENESIS = new byte[AuditRecord.HASH_LENGTH];

    private final PublicKey key;

    private long recordsChecked;
    private long checkpointsChecked;
    private long firstSequence;
    private long lastSequence;
    private byte[] lastHash;
    private long anchorSequence;
    private long lastCovered;

    private ChainFailure failure;
    /** While a gap's verdict is open: the missing range; a record in it later means "out of order". */
    private long missingFrom;
    private long missingTo;

    public ChainVerifier(PublicKey key) {
        if (key == null || !"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the verifier needs the appliance's EC public key");
        }
        this.key = key;
    }

    /**
     * Verifies a whole export. A malformed line before the first failure is an {@link ExportFormatException}.
     * An export ends on a signed checkpoint (the exporter signs one if the chain's end has
     * none), so records after the last checkpoint are a failure here ({@link FailureReason#UNSIGNED_END}),
     * not, as for a check of the live trail ({@link #report}), records not signed yet.
     */
    public static VerificationReport verify(ExportReader export, PublicKey key) throws IOException {
        ChainVerifier verifier = new ChainVerifier(key);
        while (!verifier.isDecided()) {
            Optional<ChainEntry> entry;
            try {
                entry = export.next();
            } catch (ExportFormatException e) {
                if (verifier.failure == null) {
                    throw e;
                }
                break; // already failed; the unreadable rest cannot turn the gap into a move
            }
            if (entry.isEmpty()) {
                break;
            }
            verifier.accept(entry.get());
        }
        verifier.requireSignedEnd();
        return verifier.report();
    }

    /** The export is complete: its last sound record must be covered by a checkpoint. */
    private void requireSignedEnd() {
        if (failure == null && lastSequence > 0 && lastSequence > Math.max(lastCovered, firstSequence - 1)) {
            long from = Math.max(lastCovered, firstSequence - 1) + 1;
            fail(from, FailureReason.UNSIGNED_END, (from == lastSequence ? "event " + from + " is"
                    : "events " + from + " to " + lastSequence + " are") + " not followed by a signed checkpoint");
            recordsChecked -= lastSequence - from + 1; // nothing from the first bad sequence on counts as sound
            lastSequence = from - 1;
        }
    }

    /** Takes the next entry of the export, in file order. */
    public void accept(ChainEntry entry) {
        if (entry instanceof AuditRecord record) {
            accept(record);
        } else if (entry instanceof Checkpoint checkpoint) {
            accept(checkpoint);
        } else {
            throw new IllegalArgumentException("the entry must not be null");
        }
    }

    /** Whether more entries can change the report: false once a failure is final. */
    public boolean isDecided() {
        return failure != null && missingFrom == 0;
    }

    public VerificationReport report() {
        boolean anchored = firstSequence == 1 || (anchorSequence > 0 && firstSequence == anchorSequence + 1);
        long uncovered = failure != null || lastSequence == 0 ? 0
                : lastSequence - Math.max(lastCovered, firstSequence - 1);
        return new VerificationReport(recordsChecked, checkpointsChecked, firstSequence, lastSequence, anchored,
                uncovered, Optional.ofNullable(failure));
    }

    private void accept(AuditRecord record) {
        long sequence = record.sequence();
        if (failure != null) {
            if (missingFrom != 0 && sequence >= missingFrom && sequence <= missingTo) {
                failure = new ChainFailure(failure.sequence(), FailureReason.OUT_OF_ORDER, "event " + sequence
                        + " appears later in the file than where it belongs; sequence " + failure.sequence() + " was due");
                missingFrom = 0;
            }
            return;
        }
        long due = lastSequence > 0 ? lastSequence + 1 : anchorSequence > 0 ? anchorSequence + 1 : sequence;
        if (lastSequence == 0 && anchorSequence > 0 && sequence <= anchorSequence) {
            fail(anchorSequence, FailureReason.OUT_OF_ORDER, "the checkpoint for " + anchorSequence
                    + " comes before event " + sequence + ", but a checkpoint follows the event it covers");
        } else if (sequence > due) {
            gap(due, sequence - 1, "event " + sequence + " found where " + due + " was due");
        } else if (sequence < due) {
            fail(due, FailureReason.OUT_OF_ORDER, "event " + sequence + " found where " + due + " was due");
        } else if (!record.hashIsIntact()) {
            fail(sequence, FailureReason.HASH_MISMATCH, "the hash of event " + sequence + " does not match its fields");
        } else if (lastHash != null && !record.follows(lastHash)) {
            fail(sequence, FailureReason.BROKEN_LINK, "the previousHash of event " + sequence
                    + " is not the hash of " + (lastSequence > 0 ? "event " : "the anchor checkpoint of ") + (sequence - 1));
        } else if (sequence == 1 && !record.follows(GENESIS)) {
            fail(sequence, FailureReason.BROKEN_LINK, "the previousHash of event 1 is not GENESIS (32 zero bytes)");
        } else {
            if (firstSequence == 0) {
                firstSequence = sequence;
            }
            lastSequence = sequence;
            lastHash = record.hash();
            recordsChecked++;
        }
    }

    private void accept(Checkpoint checkpoint) {
        if (failure != null) {
            return;
        }
        long sequence = checkpoint.sequence();
        if (lastSequence == 0) {
            anchor(checkpoint);
        } else if (sequence > lastSequence) {
            gap(lastSequence + 1, sequence,
                    "the checkpoint for " + sequence + " follows event " + lastSequence);
        } else if (sequence < lastSequence) {
            fail(sequence, FailureReason.OUT_OF_ORDER,
                    "the checkpoint for " + sequence + " follows event " + lastSequence + ", not event " + sequence);
        } else if (!checkpoint.verify(key)) {
            fail(sequence, FailureReason.BAD_CHECKPOINT_SIGNATURE,
                    "the signature of the checkpoint for " + sequence + " does not verify");
        } else if (!checkpoint.covers(lastHash)) {
            fail(sequence, FailureReason.CHECKPOINT_HASH_MISMATCH,
                    "the checkpoint for " + sequence + " signs another hash than event " + sequence + "'s");
        } else {
            lastCovered = sequence;
            checkpointsChecked++;
        }
    }

    /** A checkpoint before any event: the export starts right after the record it covers. */
    private void anchor(Checkpoint checkpoint) {
        long sequence = checkpoint.sequence();
        if (anchorSequence > 0 && sequence != anchorSequence) {
            fail(Math.min(sequence, anchorSequence), FailureReason.OUT_OF_ORDER,
                    "checkpoints for " + anchorSequence + " and " + sequence + " both precede the first event");
        } else if (!checkpoint.verify(key)) {
            fail(sequence, FailureReason.BAD_CHECKPOINT_SIGNATURE,
                    "the signature of the checkpoint for " + sequence + " does not verify");
        } else if (lastHash != null && !checkpoint.covers(lastHash)) {
            fail(sequence, FailureReason.CHECKPOINT_HASH_MISMATCH,
                    "two checkpoints for " + sequence + " sign different hashes");
        } else {
            anchorSequence = sequence;
            lastHash = checkpoint.chainHash();
            lastCovered = sequence;
            checkpointsChecked++;
        }
    }

    private void gap(long from, long to, String seen) {
        fail(from, FailureReason.GAP, seen + "; " + (from == to ? "sequence " + from + " is" : "sequences " + from
                + " to " + to + " are") + " missing");
        missingFrom = from;
        missingTo = to;
    }

    private void fail(long sequence, FailureReason reason, String detail) {
        failure = new ChainFailure(sequence, reason, detail);
    }
}
