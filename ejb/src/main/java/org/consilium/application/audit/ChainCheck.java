package org.consilium.application.audit;

import org.consilium.audit.verify.VerificationReport;

/**
 * The result of verifying a period of the trail in the server.
 *
 * @param firstRequested the first sequence of the period asked for (0 if it held none)
 * @param lastRequested  its last sequence
 * @param firstVerified  where verification started: just after the newest checkpoint
 *                       before the period (that checkpoint anchors it), or 1
 * @param lastVerified   where it ended: the first checkpoint at or after the period's end,
 *                       or the period's last record when none is signed yet
 * @param keyId          the audit key the checkpoints were checked with
 * @param report         the verifier's findings (the same as the offline verifier's)
 */
public record ChainCheck(long firstRequested, long lastRequested, long firstVerified, long lastVerified,
                         String keyId, VerificationReport report) {

    public boolean empty() {
        return firstRequested == 0;
    }
}
