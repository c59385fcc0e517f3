package org.consilium.application.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a member's browser tab holds to take its place in the call back after its
 * connection dropped ({@link HeldPlaces}): 128 random bits, given to the tab in
 * {@code joined} and replaced at every {@code joined}. Only its SHA-256 is kept, and a
 * presented secret is compared in constant time.
 */
final class ResumeSecret {

    /** Base64url of 16 bytes is 22 characters; anything much longer is not one of ours. */
    static final int MAX_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] hash;

    private ResumeSecret(byte[] hash) {
        this.hash = hash;
    }

    /** A new secret's text, for the member's browser (sent once, in {@code joined}). */
    static String newText() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** What is kept of a secret given out: its hash. */
    static ResumeSecret of(String text) {
        return new ResumeSecret(sha256(text));
    }

    /** A secret another node gave out, from its hash ({@link #hashText}); malformed is refused. */
    static ResumeSecret ofHash(String hashText) {
        byte[] hash = Base64.getUrlDecoder().decode(hashText);
        if (hash.length != 32) {
            throw new IllegalArgumentException("a resume secret's hash is 32 bytes");
        }
        return new ResumeSecret(hash);
    }

    /** The hash, base64url, for the cluster's copy of the call ({@link CallSnapshot}); never the secret. */
    String hashText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /** Whether {@code presented} is this secret; null, empty or overlong never is. */
    boolean matches(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hash, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("every Java platform has SHA-256", required);
        }
    }

    @Override
    public String toString() {
        return "ResumeSecret[<hidden>]";
    }
}
