package org.consilium.audit.chain;

/** One item of the chain as it is exported and verified: a record or a checkpoint. */
public sealed interface ChainEntry permits AuditRecord, Checkpoint {

    /** The record's own sequence; for a checkpoint, the sequence of the record it covers. */
    long sequence();
}
