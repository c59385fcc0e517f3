package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Held places on their own: who may claim one, and what the grace timer finds. Clock and timers by hand. */
class HeldPlacesTest {

    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Instant DROPPED_AT = Instant.parse("2026-12-06T17:00:00Z");

    private final List<Timer> timers = new ArrayList<>();
    private final List<CallMember> passed = new ArrayList<>();
    private Clock clock = Clock.fixed(DROPPED_AT, ZoneOffset.UTC);
    private final HeldPlaces places = new HeldPlaces(GRACE, this::after, () -> clock.instant(), passed::add);

    @Test
    void theSamePersonWithTheTabsSecretTakesTheHeldPlaceBackAndTheTimerStops() {
        CallMember ana = member("m1", "ana");
        String secret = places.issue(ana);

        assertTrue(places.hold(ana));
        assertTrue(ana.reconnecting());
        assertEquals(GRACE, timers.get(0).delay);

        assertSame(ana, places.claim(member("m2", "ana"), secret).orElseThrow());
        assertFalse(ana.reconnecting());
        assertFalse(places.isHeld(ana));
        assertTrue(timers.get(0).cancelled);
        assertEquals(Optional.empty(), places.claim(member("m3", "ana"), secret), "a secret is good for one claim");
    }

    @Test
    void aPlaceWhoseConnectionTheServerStillThinksOpenCanBeClaimedToo() {
        CallMember ana = member("m1", "ana");
        String secret = places.issue(ana);

        assertSame(ana, places.claim(member("m2", "ana"), secret).orElseThrow());
        assertFalse(places.hold(ana), "its late drop holds nothing: the secret went with the claim");
    }

    @Test
    void anotherPersonCannotClaimAPlaceEvenWithItsSecret() {
        CallMember ana = member("m1", "ana");
        String secret = places.issue(ana);
        places.hold(ana);

        assertEquals(Optional.empty(), places.claim(member("m2", "ben"), secret));
        assertEquals(Optional.empty(), places.claim(guest("m3", "guest:inv other-browser"), secret));

        assertTrue(places.isHeld(ana), "still held for Ana");
        assertFalse(timers.get(0).cancelled);
    }

    @Test
    void theSamePersonWithoutTheSecretOrWithAWrongOneClaimsNothing() {
        CallMember ana = member("m1", "ana");
        String secret = places.issue(ana);
        places.hold(ana);

        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), null));
        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), ""));
        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), secret + "x"));
        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), "x".repeat(100_000)));
        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), ResumeSecret.newText()));
        assertTrue(places.isHeld(ana));
    }

    @Test
    void aSecretIssuedAgainReplacesTheOldOne() {
        CallMember ana = member("m1", "ana");
        String first = places.issue(ana);
        String second = places.issue(ana);
        places.hold(ana);

        assertNotEquals(first, second);
        assertEquals(Optional.empty(), places.claim(member("m2", "ana"), first));
        assertSame(ana, places.claim(member("m2", "ana"), second).orElseThrow());
    }

    @Test
    void whenTheGraceHasPassedTheTimerAsksAndLearnsWhenTheyDropped() {
        CallMember ana = member("m1", "ana");
        places.issue(ana);
        places.hold(ana);
        clock = Clock.offset(clock, GRACE);

        timers.get(0).task.run();

        assertEquals(List.of(ana), passed);
        assertEquals(Optional.of(DROPPED_AT), places.release(ana), "the stint ends when the connection dropped");
        assertEquals(Optional.empty(), places.release(ana), "once");
        assertFalse(ana.reconnecting());
    }

    @Test
    void aTimerOfAnEarlierHoldFindsNothingToRelease() {
        CallMember ana = member("m1", "ana");
        String secret = places.issue(ana);
        places.hold(ana);
        CallMember back = member("m1", "ana");
        places.claim(back, secret);
        places.issue(back);
        places.hold(back); // dropped again, same member id

        assertEquals(Optional.empty(), places.release(ana), "the first hold's timer, late");
        assertTrue(places.isHeld(back));
    }

    @Test
    void noGraceHoldsNothingAndNeitherDoesAMemberWithoutASecret() {
        HeldPlaces none = new HeldPlaces(Duration.ZERO, this::after, () -> clock.instant(), passed::add);
        CallMember ana = member("m1", "ana");
        none.issue(ana);
        assertFalse(none.hold(ana));

        assertFalse(places.hold(member("lobby", "ben")), "in the lobby: never got a secret");
        assertTrue(timers.isEmpty());
    }

    @Test
    void forgettingAndClearingEndHoldsAndSecrets() {
        CallMember ana = member("m1", "ana");
        CallMember ben = member("m2", "ben");
        String anaSecret = places.issue(ana);
        String benSecret = places.issue(ben);
        places.hold(ana);
        places.hold(ben);

        places.forget(ana);
        assertTrue(timers.get(0).cancelled);
        assertEquals(Optional.empty(), places.claim(member("m3", "ana"), anaSecret));

        places.clear();
        assertTrue(timers.get(1).cancelled);
        assertEquals(Optional.empty(), places.claim(member("m4", "ben"), benSecret));
    }

    @Test
    void aNegativeGraceIsRefusedAndTheConfiguredOneIsBounded() {
        assertThrows(IllegalArgumentException.class,
                () -> new HeldPlaces(Duration.ofSeconds(-1), this::after, () -> clock.instant(), passed::add));
        assertEquals(Duration.ofSeconds(60), ReconnectGrace.of(Optional.empty()).period());
        assertEquals(Duration.ofSeconds(60), ReconnectGrace.of(Optional.of("  ")).period());
        assertEquals(Duration.ofSeconds(90), ReconnectGrace.of(Optional.of("PT90S")).period());
        assertEquals(Duration.ZERO, ReconnectGrace.of(Optional.of("PT0S")).period());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ReconnectGrace.of(Optional.of("PT11M")));
        assertTrue(tooLong.getMessage().contains(ReconnectGrace.PROPERTY), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReconnectGrace.of(Optional.of("a minute")));
        assertThrows(IllegalArgumentException.class, () -> ReconnectGrace.of(Optional.of("-PT1S")));
    }

    @Test
    void theSecretIsRandomAndOnlyItsHashIsKept() {
        String text = ResumeSecret.newText();
        ResumeSecret kept = ResumeSecret.of(text);

        assertTrue(text.matches("[A-Za-z0-9_-]{22}"), text);
        assertTrue(kept.matches(text));
        assertFalse(kept.toString().contains(text));
        assertNotEquals(text, ResumeSecret.newText());
    }

    // --- fixtures --------------------------------------------------------------------------

    private CallTimers.Timer after(Duration delay, Runnable task) {
        Timer timer = new Timer(delay, task);
        timers.add(timer);
        return () -> timer.cancelled = true;
    }

    private static final class Timer {
        final Duration delay;
        final Runnable task;
        boolean cancelled;

        Timer(Duration delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }
    }

    private static CallMember member(String id, String username) {
        CallMember member = new CallMember(id, username, username, username, CallMember.Role.STAFF, new Silent(),
                List.of(), null);
        member.admit();
        return member;
    }

    private static CallMember guest(String id, String person) {
        return new CallMember(id, "guest:inv", person, "Pat", CallMember.Role.GUEST, new Silent(), List.of(), null);
    }

    private static final class Silent implements CallConnection {
        @Override
        public void send(JsonObject message) {
        }

        @Override
        public void close(String reason) {
        }
    }
}
