package org.consilium.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.consilium.domain.Username;
import org.consilium.domain.admin.SecondFactor.Check;
import org.junit.jupiter.api.Test;

class SecondFactorTest {

    private static final byte[] SECRET = "twenty-byte-secret!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:05Z");

    private final SecondFactor factor = SecondFactor.enrol(new Username("srivera"), new byte[] {1, 2, 3}, T0);

    private static String codeAt(Instant at) {
        return Totp.code(SECRET, Totp.step(at));
    }

    @Test
    void theFirstGoodCodeConfirmsTheEnrolment() {
        assertFalse(factor.isConfirmed());
        assertEquals(Check.ACCEPTED, factor.check(SECRET, codeAt(T0), T0, LOCKOUT));
        assertTrue(factor.isConfirmed());
        assertEquals(Totp.step(T0), factor.lastUsedStep());
    }

    @Test
    void aCodeIsGoodOnlyOnce() {
        assertEquals(Check.ACCEPTED, factor.check(SECRET, codeAt(T0), T0, LOCKOUT));
        assertEquals(Check.REPLAYED, factor.check(SECRET, codeAt(T0), T0.plusSeconds(10), LOCKOUT));
        // ... and so is any code of an earlier step still inside the window
        Instant next = T0.plusSeconds(30);
        assertEquals(Check.REPLAYED, factor.check(SECRET, codeAt(T0), next, LOCKOUT));
        assertEquals(Check.ACCEPTED, factor.check(SECRET, codeAt(next), next, LOCKOUT));
    }

    @Test
    void fiveWrongCodesLockForTheLockoutEvenARightCodeAfterwards() {
        for (int i = 1; i < SecondFactor.MAX_FAILURES; i++) {
            assertEquals(Check.WRONG_CODE, factor.check(SECRET, "000000".equals(codeAt(T0)) ? "111111" : "000000", T0, LOCKOUT));
        }
        assertEquals(Check.LOCKED_NOW, factor.check(SECRET, "abcdef", T0, LOCKOUT));
        assertTrue(factor.isLocked(T0));
        assertEquals(T0.plus(LOCKOUT), factor.lockedUntil().orElseThrow());

        Instant during = T0.plus(LOCKOUT).minusSeconds(1);
        assertEquals(Check.LOCKED, factor.check(SECRET, codeAt(during), during, LOCKOUT));

        Instant after = T0.plus(LOCKOUT);
        assertEquals(Check.ACCEPTED, factor.check(SECRET, codeAt(after), after, LOCKOUT));
        assertEquals(0, factor.failures());
        assertFalse(factor.isLocked(after));
    }

    @Test
    void aGoodCodeResetsTheFailureCount() {
        factor.check(SECRET, "nope", T0, LOCKOUT);
        factor.check(SECRET, "nope", T0, LOCKOUT);
        assertEquals(2, factor.failures());
        assertEquals(Check.ACCEPTED, factor.check(SECRET, codeAt(T0), T0, LOCKOUT));
        assertEquals(0, factor.failures());
    }

    @Test
    void theSealedSecretIsCopiedInAndOut() {
        byte[] sealed = factor.sealedSecret();
        sealed[0] = 9;
        assertEquals(1, factor.sealedSecret()[0]);
    }
}
