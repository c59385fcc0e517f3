package org.consilium.application.networkcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.consilium.videobridge.probe.ProbeRefused;
import org.junit.jupiter.api.Test;

class CheckAllowanceTest {

    private static final Instant T0 = Instant.parse("2026-12-08T01:00:00Z");

    @Test
    void oneCheckAtATimePerSession() throws Exception {
        CheckAllowance allowance = new CheckAllowance(6, Duration.ofMinutes(1));
        allowance.claim("a", T0);
        assertEquals("one-at-a-time", assertThrows(ProbeRefused.class, () -> allowance.claim("a", T0)).code());
        allowance.claim("b", T0); // another session is someone else
        allowance.release("a", T0.plusSeconds(6));
        allowance.claim("a", T0.plusSeconds(7));
    }

    @Test
    void atMostSoManyAMinuteThenAgainOnceTheFirstIsAMinuteOld() throws Exception {
        CheckAllowance allowance = new CheckAllowance(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            allowance.claim("a", T0.plusSeconds(i * 10L));
            allowance.release("a", T0.plusSeconds(i * 10L + 6));
        }
        ProbeRefused limited = assertThrows(ProbeRefused.class, () -> allowance.claim("a", T0.plusSeconds(59)));
        assertEquals("rate-limited", limited.code());
        assertEquals("at most 3 network checks in 1 minute: try again shortly", limited.getMessage());
        allowance.claim("a", T0.plusSeconds(60));
    }

    @Test
    void sessionsAreForgottenOnceTheirWindowIsOver() throws Exception {
        CheckAllowance allowance = new CheckAllowance(6, Duration.ofMinutes(1));
        allowance.claim("a", T0);
        allowance.release("a", T0.plusSeconds(5));
        assertEquals(1, allowance.remembered());
        allowance.claim("b", T0.plusSeconds(61));
        allowance.release("b", T0.plusSeconds(62));
        allowance.release("a", T0.plusSeconds(62));
        assertEquals(1, allowance.remembered(), "a's window is over; b's is not");
        allowance.release("nobody", T0);
        assertEquals(1, allowance.remembered());
    }
}
