package org.consilium.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    @Test
    void aConfiguredTimeoutIsKeptWithinSaneBounds() {
        assertEquals(Duration.ofMinutes(5), SessionPolicy.bounded(Duration.ofMinutes(5)));
        assertEquals(SessionPolicy.MINIMUM, SessionPolicy.bounded(Duration.ZERO));
        assertEquals(SessionPolicy.MINIMUM, SessionPolicy.bounded(Duration.ofSeconds(-30)));
        assertEquals(SessionPolicy.MAXIMUM, SessionPolicy.bounded(Duration.ofDays(30)));
    }
}
