package org.consilium.domain.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wrong-password policy as counts and delays (issue 18, item 10), on a clock the test moves. */
class ThrottleBookTest {

    private static final String ATTACKER = "10.0.0.66";
    private static final String WARD_PC = "10.0.7.12";
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    private final ThrottleBook book = new ThrottleBook(ThrottlePolicy.HOSPITAL);

    @Test
    void fiveFailuresAreFreeThenTheDelayDoublesUpToFifteenMinutes() {
        for (int i = 1; i < 5; i++) {
            assertEquals(List.of(), book.failed("aortiz", ATTACKER, T0));
        }
        List<Long> delays = new java.util.ArrayList<>();
        for (int i = 5; i < 20; i++) {
            List<ThrottleBook.Throttle> started = book.failed("aortiz", ATTACKER, T0);
            assertEquals(1, started.size(), "only the account at that address, not yet the address");
            delays.add(Duration.between(T0, started.get(0).until()).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L, 900L, 900L, 900L), delays);
    }

    @Test
    void aDelayedAccountAtOneAddressIsNotDelayedAtAnother() {
        for (int i = 0; i < 12; i++) {
            book.failed("AOrtiz ", ATTACKER, T0); // as typed: case and spaces do not make another account
        }
        assertTrue(book.check("aortiz", ATTACKER, T0).isPresent(), "the attacker's computer waits");
        assertTrue(book.check("aortiz", WARD_PC, T0).isEmpty(), "Ana at her ward's computer does not");
        assertTrue(book.check("bokafor", ATTACKER, T0).isEmpty(), "another account at that address neither");
    }

    @Test
    void theDelayEndsByItselfAndOnlyTheFirstAttemptItTurnsAwayIsNoted() {
        for (int i = 0; i < 5; i++) {
            book.failed("aortiz", ATTACKER, T0);
        }
        assertTrue(book.check("aortiz", ATTACKER, T0).orElseThrow().first());
        assertFalse(book.check("aortiz", ATTACKER, T0.plusMillis(500)).orElseThrow().first(), "coalesced");
        assertTrue(book.check("aortiz", ATTACKER, T0.plusSeconds(1)).isEmpty(), "after the delay");
        book.failed("aortiz", ATTACKER, T0.plusSeconds(1));
        assertTrue(book.check("aortiz", ATTACKER, T0.plusSeconds(2)).orElseThrow().first(), "a new delay is news again");
    }

    @Test
    void theRightPasswordClearsTheAccountsCountAtThatAddress() {
        for (int i = 0; i < 4; i++) {
            book.failed("aortiz", WARD_PC, T0);
        }
        book.succeeded("AORTIZ", WARD_PC);
        assertEquals(List.of(), book.failed("aortiz", WARD_PC, T0), "counting from zero again");
    }

    @Test
    void oneAddressTryingManyAccountsIsDelayedAsAWholeAfterAHundred() {
        int free = ThrottlePolicy.HOSPITAL.freePerAddress();
        assertEquals(100, free);
        for (int i = 0; i < free - 1; i++) {
            book.failed("user" + i, ATTACKER, T0);
        }
        assertTrue(book.check("someone-else", ATTACKER, T0).isEmpty());
        List<ThrottleBook.Throttle> started = book.failed("user" + (free - 1), ATTACKER, T0);
        assertEquals(List.of(new ThrottleBook.Throttle(ThrottleKey.addressWide(ATTACKER), free, T0.plusSeconds(1))), started);
        assertTrue(book.check("someone-else", ATTACKER, T0).isPresent(), "any account from that address now");
        assertTrue(book.check("someone-else", WARD_PC, T0).isEmpty(), "not from another address");
        Instant at = T0;
        ThrottleBook.Throttle last = null;
        for (int i = free; i < free + 20; i++) {
            at = at.plusSeconds(61); // each delay waited out
            last = book.failed("user" + i, ATTACKER, at).stream().filter(t -> t.key().isAddressWide())
                    .findFirst().orElseThrow();
        }
        assertEquals(Duration.ofMinutes(1), Duration.between(at, last.until()),
                "a whole address waits at most a minute: everyone behind it waits too");
    }

    @Test
    void anAdministratorLiftsADelayAndTheCountStartsAgain() {
        for (int i = 0; i < 8; i++) {
            book.failed("aortiz", ATTACKER, T0);
        }
        ThrottleKey key = new ThrottleKey("aortiz", ATTACKER);
        assertEquals(List.of(key), book.inForce(T0).stream().map(ThrottleBook.Throttle::key).toList());
        assertEquals(8, book.lift(key, T0).orElseThrow().failures());
        assertTrue(book.check("aortiz", ATTACKER, T0).isEmpty());
        assertEquals(List.of(), book.inForce(T0));
        assertTrue(book.lift(key, T0).isEmpty(), "nothing left to lift");
        assertEquals(List.of(), book.failed("aortiz", ATTACKER, T0), "from zero");
    }

    @Test
    void countsAreForgottenAfterAnHourWithoutFailures() {
        for (int i = 0; i < 4; i++) {
            book.failed("aortiz", ATTACKER, T0);
        }
        Instant later = T0.plus(Duration.ofHours(1)).plusSeconds(1);
        assertEquals(List.of(), book.failed("aortiz", ATTACKER, later), "the fifth failure, an hour on, is the first again");
    }

    @Test
    void aFloodOfMadeUpNamesStaysBounded() {
        for (int i = 0; i < ThrottleBook.REMEMBERED + 500; i++) {
            book.failed("made-up-" + i, "10.1." + (i / 250 % 250) + "." + (i % 250), T0);
        }
        assertTrue(book.inForce(T0).size() <= ThrottleBook.REMEMBERED);
    }
}
