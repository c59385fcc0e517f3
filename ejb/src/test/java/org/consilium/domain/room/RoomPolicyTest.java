package org.consilium.domain.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomPolicyTest {

    @Test
    void theDefaultsAreThoseOfBefore() {
        assertTrue(RoomPolicy.DEFAULTS.lobbyByDefault());
        assertEquals(InvitationLifetime.DEFAULT, RoomPolicy.DEFAULTS.defaultLifetime().value());
        assertEquals(10080, RoomPolicy.DEFAULTS.invitationMaximumMinutes());
        assertEquals(Optional.empty(), RoomPolicy.DEFAULTS.emptyRoomTimeout());
    }

    @Test
    void eachProblemIsASentenceForItsField() {
        assertEquals(Map.of(), RoomPolicy.problems(1440, 10080, Duration.ZERO, Duration.ofMinutes(1)));
        assertEquals(Map.of(RoomPolicy.INVITATION_DEFAULT, "The default lifetime is from 1 to 10080 minutes (7 days)."),
                RoomPolicy.problems(0, 10080, null, null));
        assertEquals(Map.of(RoomPolicy.INVITATION_DEFAULT,
                        "The default lifetime cannot be longer than the longest invitation (60 minutes)."),
                RoomPolicy.problems(90, 60, null, null));
        assertEquals(Map.of(RoomPolicy.INVITATION_MAXIMUM, "The longest invitation is from 1 to 10080 minutes (7 days)."),
                RoomPolicy.problems(60, 10081, null, null));
        assertEquals(Map.of(RoomPolicy.EMPTY_ROOM_TIMEOUT,
                        "The empty-room timeout cannot be longer than the maximum visit length (10 minutes)."),
                RoomPolicy.problems(60, 60, Duration.ofMinutes(11), Duration.ofMinutes(10)));
        assertEquals(Map.of(RoomPolicy.EMPTY_ROOM_TIMEOUT, "The empty-room timeout is from 0 to 1440 minutes (24 hours)."),
                RoomPolicy.problems(60, 60, Duration.ofMinutes(1441), null));
        assertEquals(Map.of(RoomPolicy.MAX_VISIT_LENGTH, "The maximum visit length is from 1 to 10080 minutes (7 days)."),
                RoomPolicy.problems(60, 60, null, Duration.ZERO));
    }

    @Test
    void aClinicianChoosesALifetimeUpToThePolicysMaximum() {
        RoomPolicy policy = new RoomPolicy(false, 30, 120, true, false, Optional.empty(), Optional.empty(),
                Optional.empty());
        assertEquals(Duration.ofMinutes(120), policy.lifetimeOf(120).value());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> policy.lifetimeOf(121));
        assertEquals("An invitation lasts from 1 minute to 2 hours (120 minutes), the hospital's maximum", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RoomPolicy(true, 130, 120, false, false,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void theReconnectGraceIsFromNoneToTenMinutesAsInTheConfiguration() {
        assertEquals(Optional.empty(), RoomPolicy.DEFAULTS.reconnectGrace(), "the configuration's until set");
        assertEquals(Map.of(), RoomPolicy.problems(60, 60, null, null, Duration.ZERO));
        assertEquals(Map.of(), RoomPolicy.problems(60, 60, null, null, Duration.ofMinutes(10)));
        Map<String, String> tooLong = Map.of(RoomPolicy.RECONNECT_GRACE,
                "The reconnect grace is from 0 to 600 seconds (10 minutes).");
        assertEquals(tooLong, RoomPolicy.problems(60, 60, null, null, Duration.ofSeconds(601)));
        assertEquals(tooLong, RoomPolicy.problems(60, 60, null, null, Duration.ofSeconds(-1)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new RoomPolicy(true, 60, 60,
                false, false, Optional.empty(), Optional.empty(), Optional.of(Duration.ofMinutes(11))));
        assertEquals(tooLong.get(RoomPolicy.RECONNECT_GRACE), refused.getMessage());
        assertEquals(Duration.ofSeconds(30), new RoomPolicy(true, 60, 60, false, false, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(30))).reconnectGrace().orElseThrow());
    }
}
