package org.consilium.recording.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packets back in sequence order: reordering, duplicates, losses given up after the window, restarts. */
class ReorderBufferTest {

    private static final long MS = 1_000_000L;
    private final List<Long> out = new ArrayList<>();
    /** 150 ms, 90 kHz: 13,500 ticks. */
    private final ReorderBuffer buffer = new ReorderBuffer(64, 150 * MS, 13_500, p -> out.add(p.extendedSequence()));

    private void add(long sequence, long timestamp, long arrivalMillis) {
        RtpPacket packet = TestRtp.packet((int) (sequence & 0xFFFF), timestamp & 0xFFFFFFFFL, false, new byte[] {1},
                arrivalMillis * MS);
        packet.extend(sequence, timestamp);
        buffer.add(packet, arrivalMillis * MS);
    }

    @Test
    void packetsInOrderGoStraightThrough() {
        add(10, 0, 0);
        add(11, 0, 1);
        add(12, 3000, 2);
        assertEquals(List.of(10L, 11L, 12L), out);
        assertEquals(0, buffer.held());
    }

    @Test
    void aPacketAheadOfItsTurnWaitsForTheOneBeforeIt() {
        add(10, 0, 0);
        add(12, 3000, 1);
        assertEquals(List.of(10L), out);
        add(11, 0, 2);
        assertEquals(List.of(10L, 11L, 12L), out);
        assertEquals(0, buffer.lost());
    }

    @Test
    void duplicatesAndPacketsOlderThanWhatWentOnAreDroppedAndCounted() {
        add(10, 0, 0);
        add(12, 3000, 1);
        add(12, 3000, 2);
        add(11, 0, 3);
        add(11, 0, 4);
        add(9, 0, 5);
        assertEquals(List.of(10L, 11L, 12L), out);
        assertEquals(1, buffer.duplicates());
        assertEquals(2, buffer.late());
    }

    @Test
    void aMissingPacketIsGivenUpOnceTheWindowHasPassedByArrivalTime() {
        add(10, 0, 0);
        add(12, 3000, 10);
        buffer.drain(159 * MS);
        assertEquals(List.of(10L), out);
        buffer.drain(160 * MS);
        assertEquals(List.of(10L, 12L), out);
        assertEquals(1, buffer.lost());
        add(11, 0, 170);
        assertEquals(List.of(10L, 12L), out, "too late now");
        assertEquals(1, buffer.late());
    }

    @Test
    void orOnceTheStreamHasMovedOnByTheWindowInRtpTime() {
        add(10, 0, 0);
        add(12, 3000, 0);
        add(13, 16_000, 0);
        assertEquals(List.of(10L), out);
        add(14, 16_500, 0); // 13,500 ticks past packet 12
        assertEquals(List.of(10L, 12L, 13L, 14L), out);
    }

    @Test
    void aJumpFarForwardOrBackIsARestartNotAHoleToWaitFor() {
        add(100, 0, 0);
        add(101, 0, 1);
        add(100 + ReorderBuffer.MAX_DROPOUT + 5, 90_000, 2);
        add(100 + ReorderBuffer.MAX_DROPOUT + 6, 90_000, 3);
        add(20, 180_000, 4);
        add(21, 180_000, 5);
        assertEquals(List.of(100L, 101L, 3105L, 3106L, 20L, 21L), out);
        assertEquals(2, buffer.restarts());
        assertEquals(0, buffer.lost());
    }

    @Test
    void aFullBufferGivesUpOnItsGap() {
        add(0, 0, 0);
        for (int sequence = 2; sequence <= 34; sequence++) {
            add(sequence, 0, 0); // same instant, same timestamp: only the fill level lets go
        }
        assertEquals(34, out.size());
        assertEquals(1, buffer.lost());
    }

    @Test
    void releaseAllGivesBackWhatIsHeldInOrder() {
        add(1, 0, 0);
        add(4, 0, 0);
        add(3, 0, 0);
        buffer.releaseAll();
        assertEquals(List.of(1L, 3L, 4L), out);
        assertEquals(1, buffer.lost());
    }
}
