package org.consilium.videobridge.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendHistoryTest {

    @Test
    void aNumberIsFoundUntilItsSlotIsReusedAndOnlyUntilReportedReceived() {
        SendHistory history = new SendHistory();
        history.sent(65_535, 1_000, 7);
        int slot = history.find(65_535);
        assertTrue(slot >= 0);
        assertEquals(1_000, history.size(slot));
        assertEquals(7, history.sentAtNanos(slot));
        assertEquals(-1, history.find(65_535 - SendHistory.CAPACITY), "another number of the same slot");
        assertEquals(-1, history.find(3), "never sent");

        history.report(slot, SendHistory.REPORTED_LOST);
        assertEquals(slot, history.find(65_535), "a packet reported lost may still arrive late");
        history.report(slot, SendHistory.REPORTED_RECEIVED);
        assertEquals(-1, history.find(65_535), "reported received: a repeated report counts nothing");

        history.sent((65_535 + SendHistory.CAPACITY) & 0xFFFF, 500, 9);
        assertEquals(-1, history.find(65_535), "the slot now holds a later number");
    }
}
