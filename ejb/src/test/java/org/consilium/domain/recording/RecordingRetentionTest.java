package org.consilium.domain.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.consilium.domain.room.RoomKind;
import org.junit.jupiter.api.Test;

class RecordingRetentionTest {

    private static final Instant STOPPED = Instant.parse("2026-12-07T16:00:00Z");

    @Test
    void expiresTheGivenDaysAfterItStoppedOrNeverWhenKept() {
        RecordingRetention retention = new RecordingRetention(Map.of(RoomKind.VISIT, Optional.of(30),
                RoomKind.BEDSIDE, Optional.of(7)));
        assertEquals(Optional.of(Instant.parse("2027-01-06T16:00:00Z")), retention.expiry(RoomKind.VISIT, STOPPED));
        assertEquals(Optional.of(Instant.parse("2026-12-14T16:00:00Z")), retention.expiry(RoomKind.BEDSIDE, STOPPED));
        assertEquals(Optional.empty(), retention.expiry(RoomKind.CONSULT, STOPPED), "a kind not named is kept");
    }

    @Test
    void daysOutOfRangeAreRefusedWithASentence() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new RecordingRetention(Map.of(RoomKind.VISIT, Optional.of(0))));
        assertEquals("Keep recordings 1 to 36500 days, or leave it empty.", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecordingRetention(Map.of(RoomKind.VISIT, Optional.of(36501))));
    }
}
