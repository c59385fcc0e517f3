package org.consilium.recording.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** 16-bit sequence numbers and 32-bit timestamps extended across their wrap, late packets included. */
class WrappingCounterTest {

    @Test
    void sequenceNumbersGoOnPastTheWrapAndALatePacketStaysBehind() {
        WrappingCounter sequences = new WrappingCounter(16);
        assertEquals(65534, sequences.extend(65534));
        assertEquals(65535, sequences.extend(65535));
        assertEquals(65537, sequences.extend(1), "0 was skipped: 1 comes after the wrap");
        assertEquals(65536, sequences.extend(0), "late, after the wrap");
        assertEquals(65533, sequences.extend(65533), "late, from before the wrap");
        assertEquals(65538, sequences.extend(2));
    }

    @Test
    void timestampsWrapAt32Bits() {
        WrappingCounter timestamps = new WrappingCounter(32);
        assertEquals(0xFFFFF000L, timestamps.extend(0xFFFFF000L));
        assertEquals(0x1_0000_0BB8L, timestamps.extend(0xBB8));
        assertEquals(0x1_0000_0BB8L, timestamps.nearest(0xBB8));
        assertEquals(0xFFFFFA00L, timestamps.nearest(0xFFFFFA00L), "a report of a time before the wrap");
    }
}
