package org.consilium.audit.chain;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A signed statement "the record with this sequence has this hash". Since every record
 * hashes its predecessor, one valid checkpoint vouches for the whole chain up to it.
 * The server signs {@link #signedBytes} with the HSM's ECDSA P-256 key (SHA256withECDSA,
 * ASN.1 DER signature); anyone with the public key checks it with {@link #verify}.
 */
public record Checkpoint(long sequence, Instant createdAt, byte[] chainHash, String keyId, byte[] signature)
        implements ChainEntry {

    /** Domain separation: these bytes start every checkpoint's signed encoding, and no other. */
    public static final String ENCODING_TAG = "consilium-audit-checkpoint-v1";

    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** Far above a P-256 DER signature (at most 72 bytes); keeps junk out of memory. */
    public static final int MAX_SIGNATURE_LENGTH = 1024;

    public Checkpoint {
        requireSignedFields(sequence, createdAt, chainHash, keyId);
        chainHash = chainHash.clone();
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature must not be empty");
        }
        if (signature.length > MAX_SIGNATURE_LENGTH) {
            throw new IllegalArgumentException(
                    "signature must be at most " + MAX_SIGNATURE_LENGTH + " bytes, was " + signature.length);
        }
        signature = signature.clone();
    }

    /**
     * A checkpoint over the record with {@code sequence} and {@code chainHash}, signed by
     * {@code signer} (on the server: the HSM's audit signing key, which takes the bytes to
     * sign and returns the DER signature).
     */
    public static Checkpoint sign(long sequence, Instant createdAt, byte[] chainHash, String keyId,
            UnaryOperator<byte[]> signer) {
        byte[] signature = signer.apply(signedBytes(sequence, createdAt, chainHash, keyId));
        return new Checkpoint(sequence, createdAt, chainHash, keyId, signature);
    }

    /** What the signature covers, for a checkpoint not made yet (docs/audit.md). */
    public static byte[] signedBytes(long sequence, Instant createdAt, byte[] chainHash, String keyId) {
        requireSignedFields(sequence, createdAt, chainHash, keyId);
        return new CanonicalWriter()
                .string(ENCODING_TAG)
                .int64(sequence)
                .instant(createdAt)
                .bytes(chainHash)
                .string(keyId)
                .toByteArray();
    }

    /** What the signature covers. */
    public byte[] signedBytes() {
        return signedBytes(sequence, createdAt, chainHash, keyId);
    }

    /**
     * Whether {@link #signature} is a valid SHA256withECDSA signature of {@link #signedBytes()}
     * by {@code key}. A malformed signature is simply not valid: false, not an exception.
     *
     * @throws IllegalArgumentException if {@code key} is null or not an EC key
     */
    public boolean verify(PublicKey key) {
        if (key == null) {
            throw new IllegalArgumentException("the public key must not be null");
        }
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes());
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the public key is not an EC key usable with " + SIGNATURE_ALGORITHM, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + SIGNATURE_ALGORITHM, e);
        } catch (GeneralSecurityException | ProviderException e) {
            return false; // SignatureException: not DER, or not a point on the curve
        }
    }

    /** Whether this checkpoint names {@code hash} as the chain's hash; compared without copying. */
    public boolean covers(byte[] hash) {
        return hash != null && MessageDigest.isEqual(chainHash, hash);
    }

    @Override
    public byte[] chainHash() {
        return chainHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that
                && sequence == that.sequence
                && createdAt.equals(that.createdAt)
                && Arrays.equals(chainHash, that.chainHash)
                && keyId.equals(that.keyId)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(sequence, createdAt, keyId);
        result = 31 * result + Arrays.hashCode(chainHash);
        return 31 * result + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Checkpoint[sequence=" + sequence + ", createdAt=" + createdAt + ", chainHash="
                + HexFormat.of().formatHex(chainHash) + ", keyId=" + keyId + "]";
    }

    private static void requireSignedFields(long sequence, Instant createdAt, byte[] chainHash, String keyId) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt must not be null");
        }
        Sha256.requireHash(chainHash, "chainHash");
        Text.nonBlank(keyId, "keyId");
    }
}
