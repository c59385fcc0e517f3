package org.consilium.server.admin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The test's own authenticator app: RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from a base32 key, written apart from the server's. */
public final class TestTotp {

    private final byte[] secret;
    private long lastStep;

    public TestTotp(String base32) {
        this.secret = base32Decode(base32);
    }

    static long stepNow() {
        return Instant.now().getEpochSecond() / 30;
    }

    /** A code the server has not seen yet: the current step's, or the next step's if that one was used (±1 window). */
    public String freshCode() {
        long step = Math.max(stepNow(), lastStep + 1);
        if (step > stepNow() + 1) {
            throw new IllegalStateException("two codes already used in this 30-second step; the test asks too often");
        }
        lastStep = step;
        return code(step);
    }

    /** The code last handed out (a replay). */
    String lastCode() {
        return code(lastStep);
    }

    String code(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[19] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code that is none of the codes the server accepts now. */
    String wrongCode() {
        long now = stepNow();
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean accepted = false;
            for (long step = now - 2; step <= now + 2; step++) {
                accepted |= code.equals(code(step));
            }
            if (!accepted) {
                return code;
            }
        }
    }

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + text);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
