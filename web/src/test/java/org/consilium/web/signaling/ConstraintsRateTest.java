package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.consilium.application.call.CallRefused;
import org.junit.jupiter.api.Test;

class ConstraintsRateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstPassesThenOnlyFourASecond() {
        ConstraintsRate rate = new ConstraintsRate();
        long now = 1_000 * SECOND;
        for (int i = 0; i < ConstraintsRate.BURST; i++) {
            rate.arrived(now);
        }
        CallRefused refused = assertThrows(CallRefused.class, () -> rate.arrived(1_000 * SECOND));
        assertEquals("rate-limited", refused.code());

        now += SECOND / 4; // one more token
        rate.arrived(now);
        long then = now;
        assertThrows(CallRefused.class, () -> rate.arrived(then));
    }

    @Test
    void theWebClientsPaceIsNeverRefused() {
        ConstraintsRate rate = new ConstraintsRate();
        long now = 5 * SECOND;
        for (int i = 0; i < 1000; i++) {
            rate.arrived(now); // one every 250 ms, for four minutes
            now += SECOND / 4;
        }
    }
}
