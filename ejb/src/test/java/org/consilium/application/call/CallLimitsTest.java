package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallLimitsTest {

    @Test
    void unsetOrBlankMeansTheDefaults() {
        assertEquals(new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12)), CallLimits.of(Optional.empty(), Optional.of(" ")));
    }

    @Test
    void durationsAreIso8601AndZeroEmptyTimeEndsAtOnce() {
        CallLimits limits = CallLimits.of(Optional.of(" PT0S "), Optional.of("PT3S"));
        assertEquals(Duration.ZERO, limits.emptyRoomTimeout());
        assertEquals(Duration.ofSeconds(3), limits.maxVisitLength());
    }

    @Test
    void theRoomPolicyWinsWhereItSetsALimit() {
        CallLimits configured = CallLimits.of(Optional.of("PT2M"), Optional.of("PT12H"));
        assertEquals(configured, configured.overriddenBy(Optional.empty(), Optional.empty()));
        assertEquals(new CallLimits(Duration.ofMinutes(5), Duration.ofHours(12)),
                configured.overriddenBy(Optional.of(Duration.ofMinutes(5)), Optional.empty()));
        assertEquals(new CallLimits(Duration.ofMinutes(2), Duration.ofHours(1)),
                configured.overriddenBy(Optional.empty(), Optional.of(Duration.ofHours(1))));
        assertEquals(configured, configured.overriddenBy(Optional.of(Duration.ofDays(2)), Optional.empty()),
                "an unusable value is ignored");
    }

    @Test
    void anUnusableValueIsRefusedNamingItsProperty() {
        assertRefused(CallLimits.EMPTY_ROOM_TIMEOUT, Optional.of("2 minutes"), Optional.empty());
        assertRefused(CallLimits.EMPTY_ROOM_TIMEOUT, Optional.of("-PT1S"), Optional.empty());
        assertRefused(CallLimits.EMPTY_ROOM_TIMEOUT, Optional.of("PT25H"), Optional.empty());
        assertRefused(CallLimits.MAX_VISIT_LENGTH, Optional.empty(), Optional.of("PT0S"));
        assertRefused(CallLimits.MAX_VISIT_LENGTH, Optional.empty(), Optional.of("P8D"));
    }

    private static void assertRefused(String property, Optional<String> empty, Optional<String> max) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CallLimits.of(empty, max));
        assertTrue(refused.getMessage().startsWith(property), refused.getMessage());
    }
}
