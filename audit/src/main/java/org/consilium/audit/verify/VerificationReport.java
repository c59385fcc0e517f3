package org.consilium.audit.verify;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the verifier found.
 *
 * @param recordsChecked records found sound (on failure: those before the first bad sequence)
 * @param checkpointsChecked checkpoints whose signature and hash were found sound
 * @param firstSequence the first record's sequence, 0 if there was none
 * @param lastSequence the last sound record's sequence, 0 if there was none
 * @param anchored whether the first record was linked to something signed or fixed: it is
 *     sequence 1 (previous hash GENESIS) or the export holds the checkpoint just below it
 * @param uncoveredRecords trailing sound records after the last checkpoint: for a check of the
 *     live trail, records not signed yet (their hashes link up; the timer signs them); a whole
 *     export with any fails instead ({@link FailureReason#UNSIGNED_END}); 0 on failure
 * @param failure the first bad sequence and why, empty if the export verified
 */
public record VerificationReport(long recordsChecked, long checkpointsChecked, long firstSequence,
        long lastSequence, boolean anchored, long uncoveredRecords, Optional<ChainFailure> failure) {

    public VerificationReport {
        if (failure == null) {
            throw new IllegalArgumentException("failure must not be null (use Optional.empty())");
        }
    }

    public boolean verified() {
        return failure.isEmpty();
    }

    public OptionalLong firstBadSequence() {
        return failure.map(f -> OptionalLong.of(f.sequence())).orElse(OptionalLong.empty());
    }
}
