package org.consilium.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StaffAccountTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T08:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-17T08:00:00Z");

    @Test
    void anotherSignInReturnsThePreviousOneAndMovesLastSignInForward() {
        StaffAccount account = StaffAccount.firstSignIn(new Username("aortiz"), "Ana Ortiz", MONDAY);

        Instant previous = account.signedInAgain("Ana Ortiz-Diaz", TUESDAY);

        assertEquals(MONDAY, previous);
        assertEquals(TUESDAY, account.lastSignInAt());
        assertEquals(MONDAY, account.firstSignInAt());
        assertEquals(2, account.signInCount());
        assertEquals("Ana Ortiz-Diaz", account.displayName().orElseThrow());
    }

    @Test
    void aClockStepBackwardsNeverMovesLastSignInIntoThePast() {
        StaffAccount account = StaffAccount.firstSignIn(new Username("aortiz"), "Ana Ortiz", TUESDAY);

        account.signedInAgain("Ana Ortiz", MONDAY);

        assertEquals(TUESDAY, account.lastSignInAt());
    }
}
