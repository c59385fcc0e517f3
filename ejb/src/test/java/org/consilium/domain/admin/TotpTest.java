package org.consilium.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed. */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238TestVectorsForSha1() {
        // Appendix B gives 8 digits; the 6-digit code is their last six.
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471},
                {1234567890, 89005924}, {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] vector : vectors) {
            long step = Totp.step(Instant.ofEpochSecond(vector[0]));
            assertEquals(vector[1], Totp.hotp(RFC_SECRET, step, 8), "8 digits at T=" + vector[0]);
            assertEquals(String.format("%06d", vector[1] % 1_000_000), Totp.code(RFC_SECRET, step), "6 digits at T=" + vector[0]);
        }
    }

    @Test
    void rfc4226HotpVectors() {
        int[] expected = {755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489};
        for (int counter = 0; counter < expected.length; counter++) {
            assertEquals(expected[counter], Totp.hotp(RFC_SECRET, counter, 6), "counter " + counter);
        }
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long step = Totp.step(now);
        assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now));
        assertEquals(OptionalLong.of(step - 1), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now));
        assertEquals(OptionalLong.of(step + 1), Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now));
        assertFalse(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now).isPresent());
        assertFalse(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now).isPresent());
    }

    @Test
    void onlySixDigitsAreACodeSpacesAllowed() {
        assertTrue(Totp.looksLikeCode("123456"));
        assertTrue(Totp.looksLikeCode("123 456"));
        for (String notACode : new String[] {null, "", "12345", "1234567", "12345a", "١٢٣٤٥٦", "12345\n"}) {
            assertFalse(Totp.looksLikeCode(notACode), String.valueOf(notACode));
        }
    }

    @Test
    void base32RoundTripsAndReadsWhatAppsShow() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(RFC_SECRET));
        assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))); // RFC 4648 §10
        assertEquals("foobar", new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII));
        for (int length = 0; length < 40; length++) {
            byte[] data = new byte[length];
            new java.util.Random(length).nextBytes(data);
            assertEquals(java.util.HexFormat.of().formatHex(data),
                    java.util.HexFormat.of().formatHex(Base32.decode(Base32.encode(data))));
        }
        assertEquals("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", Base32.grouped(Base32.encode(RFC_SECRET)));
    }
}
