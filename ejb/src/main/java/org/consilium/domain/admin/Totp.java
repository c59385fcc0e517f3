package org.consilium.domain.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app makes them by
 * default: HMAC-SHA1 (RFC 4226), 30-second steps from the Unix epoch, 6 digits. A code is
 * accepted for the current step and one step either side (clock drift, typing time).
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;
    /** 160 bits, the HMAC-SHA1 block-friendly length RFC 4226 recommends. */
    public static final int SECRET_BYTES = 20;

    private Totp() {
    }

    /** The time step an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code for one step, zero-padded to {@link #DIGITS} digits. */
    public static String code(byte[] secret, long step) {
        return String.format("%0" + DIGITS + "d", hotp(secret, step, DIGITS));
    }

    /** RFC 4226 HOTP: HMAC-SHA1 of the counter, dynamic truncation, {@code digits} decimal digits. */
    static int hotp(byte[] secret, long counter, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        return binary % modulus;
    }

    /** What a person typed, reduced to its digits if it is a code at all (spaces are allowed). */
    public static boolean looksLikeCode(String typed) {
        return typed != null && typed.replace(" ", "").matches("[0-9]{" + DIGITS + "}");
    }

    /**
     * The step whose code was typed, searching {@code now} ± {@link #WINDOW} steps; every
     * candidate is compared (in constant time), so the answer's timing tells nothing.
     */
    public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        if (!looksLikeCode(typed)) {
            return OptionalLong.empty();
        }
        byte[] given = typed.replace(" ", "").getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            if (MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII))
                    && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
