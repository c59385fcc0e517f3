package org.consilium.audit.chain;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One audited action, linked to its predecessor: {@code hash} is SHA-256 over the canonical
 * encoding of every other field, {@code previousHash} included (docs/audit.md).
 *
 * <p>{@code clientAddress} and {@code target} may be null, which hashes differently from
 * "". {@code details} is kept in Unicode code point order of its names, whatever order it
 * was given in. Arrays are copied in and out, so a record cannot be changed after the fact.
 *
 * <p>The constructor checks shapes only (lengths, blanks, nulls), not that {@code hash} is
 * right: records read back from an export may have been tampered with, and
 * {@link #hashIsIntact()} is how that is found. New records come from {@link #append}.
 */
public record AuditRecord(
        long sequence,
        Instant occurredAt,
        String actor,
        List<String> actorRoles,
        String clientAddress,
        String action,
        String target,
        String outcome,
        SortedMap<String, String> details,
        byte[] previousHash,
        byte[] hash) implements ChainEntry {

    /** Domain separation: these bytes start every record's encoding, and no other. */
    public static final String ENCODING_TAG = "consilium-audit-v1";

    /** SHA-256 length. */
    public static final int HASH_LENGTH = Sha256.LENGTH;

    /**
     * The previous hash of sequence 1: 32 zero bytes. Do not write into it; the chain's own
     * checks use a private copy.
     */
    public static final byte[] GENESIS = new byte[HASH_LENGTH];

    /** Outcomes the server writes; syslog reports anything but success as a warning. */
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    private static final byte[] ZERO_HASH = new byte[HASH_LENGTH];

    public AuditRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        if (occurredAt == null) {
            throw new IllegalArgumentException("occurredAt must not be null");
        }
        Text.nonBlank(actor, "actor");
        actorRoles = copyRoles(actorRoles);
        Text.optional(clientAddress, "clientAddress");
        Text.nonBlank(action, "action");
        Text.optional(target, "target");
        Text.nonBlank(outcome, "outcome");
        details = copyDetails(details);
        previousHash = Sha256.requireHash(previousHash, "previousHash");
        hash = Sha256.requireHash(hash, "hash");
    }

    /** The next record of the chain, its hash computed. {@code details} may be in any order. */
    public static AuditRecord append(long sequence, Instant occurredAt, String actor, List<String> actorRoles,
            String clientAddress, String action, String target, String outcome, Map<String, String> details,
            byte[] previousHash) {
        // Only here: a record read back from an export may hold anything, and the verifier says what.
        if (sequence == 1 && previousHash != null && !Arrays.equals(previousHash, ZERO_HASH)) {
            throw new IllegalArgumentException("the previousHash of sequence 1 must be GENESIS (32 zero bytes)");
        }
        AuditRecord unhashed = new AuditRecord(sequence, occurredAt, actor, actorRoles, clientAddress, action,
                target, outcome, copyDetails(details), previousHash, ZERO_HASH);
        return unhashed.withHash(unhashed.computeHash());
    }

    /** The bytes {@link #hash} is computed over (docs/audit.md, "Canonical encoding"). */
    public byte[] canonicalBytes() {
        return new CanonicalWriter()
                .string(ENCODING_TAG)
                .int64(sequence)
                .instant(occurredAt)
                .string(actor)
                .stringList(actorRoles)
                .optionalString(clientAddress)
                .string(action)
                .optionalString(target)
                .string(outcome)
                .stringMap(details)
                .bytes(previousHash)
                .toByteArray();
    }

    /** SHA-256 of {@link #canonicalBytes()}: what {@link #hash} must be. */
    public byte[] computeHash() {
        return Sha256.of(canonicalBytes());
    }

    /** Whether the stored hash matches the fields. */
    public boolean hashIsIntact() {
        return MessageDigest.isEqual(computeHash(), hash);
    }

    /** Whether this record's {@code previousHash} is {@code hash}. */
    public boolean follows(byte[] hash) {
        return hash != null && MessageDigest.isEqual(previousHash, hash);
    }

    /** A copy with another stored hash (tests and the factory use it; the fields stay). */
    public AuditRecord withHash(byte[] newHash) {
        return new AuditRecord(sequence, occurredAt, actor, actorRoles, clientAddress, action, target, outcome,
                details, previousHash, newHash);
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditRecord that
                && sequence == that.sequence
                && occurredAt.equals(that.occurredAt)
                && actor.equals(that.actor)
                && actorRoles.equals(that.actorRoles)
                && Objects.equals(clientAddress, that.clientAddress)
                && action.equals(that.action)
                && Objects.equals(target, that.target)
                && outcome.equals(that.outcome)
                && details.equals(that.details)
                && Arrays.equals(previousHash, that.previousHash)
                && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(sequence, occurredAt, actor, actorRoles, clientAddress, action, target, outcome,
                details);
        result = 31 * result + Arrays.hashCode(previousHash);
        return 31 * result + Arrays.hashCode(hash);
    }

    /** Sequence, action, outcome and hash only: actor, target and details may be personal data. */
    @Override
    public String toString() {
        return "AuditRecord[sequence=" + sequence + ", action=" + action + ", outcome=" + outcome + ", hash="
                + HexFormat.of().formatHex(hash) + "]";
    }

    private static List<String> copyRoles(List<String> roles) {
        if (roles == null) {
            throw new IllegalArgumentException("actorRoles must not be null (use an empty list)");
        }
        List<String> copy = new ArrayList<>(roles.size());
        for (String role : roles) {
            copy.add(Text.nonBlank(role, "an actor role"));
        }
        return Collections.unmodifiableList(copy);
    }

    private static SortedMap<String, String> copyDetails(Map<String, String> details) {
        if (details == null) {
            throw new IllegalArgumentException("details must not be null (use an empty map)");
        }
        TreeMap<String, String> copy = new TreeMap<>(Text.CODE_POINT_ORDER);
        for (Map.Entry<String, String> entry : details.entrySet()) {
            copy.put(Text.nonBlank(entry.getKey(), "a detail name"), Text.required(entry.getValue(), "a detail value"));
        }
        if (copy.size() != details.size()) {
            // Only possible with a caller's map whose own ordering calls distinct names equal.
            throw new IllegalArgumentException("details hold names that are equal in code point order");
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
