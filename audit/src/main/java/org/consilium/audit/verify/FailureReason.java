package org.consilium.audit.verify;

/** Why an export stops being a valid chain at its first bad sequence. */
public enum FailureReason {

    HASH_MISMATCH("hash mismatch", "the record's fields do not match its hash: a field was changed"),
    GAP("gap", "the record with this sequence is missing from the export"),
    BROKEN_LINK("broken link",
            "the record's previousHash is not the hash of the record before it: a record was replaced or the chain rebuilt"),
    BAD_CHECKPOINT_SIGNATURE("bad checkpoint signature",
            "the checkpoint's signature is not valid for this public key: it was forged or altered, or the key is not the appliance's"),
    CHECKPOINT_HASH_MISMATCH("checkpoint hash mismatch",
            "the signed hash differs from the record's hash: the record was rewritten after it was signed"),
    OUT_OF_ORDER("out of order",
            "the line is not where the sequence order puts it: moved, repeated, or a checkpoint away from its record"),
    UNSIGNED_END("unsigned end",
            "no signed checkpoint follows the export's last records, but every export ends on one: records after it were"
                    + " added, or its closing checkpoint removed so that the records before it could be rewritten");

    private final String label;
    private final String meaning;

    FailureReason(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** Short name, as in the report ("hash mismatch"). */
    public String label() {
        return label;
    }

    /** What it means, for an auditor. */
    public String meaning() {
        return meaning;
    }
}
