package org.consilium.audit.verify;

/**
 * Where and why an export stops being a valid chain: {@code sequence} is the first bad
 * sequence (docs/audit.md), {@code detail} says what was seen there, in sequence numbers
 * only (never a record's content).
 */
public record ChainFailure(long sequence, FailureReason reason, String detail) {

    public ChainFailure {
        if (reason == null || detail == null) {
            throw new IllegalArgumentException("reason and detail must not be null");
        }
    }
}
