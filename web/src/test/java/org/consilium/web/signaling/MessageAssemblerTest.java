package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    private final MessageAssembler assembler = new MessageAssembler(10, 100);

    @Test
    void partsMakeTheWholeMessage() {
        assertNull(assembler.part("{\"a\":", false));
        assertEquals(new MessageAssembler.Whole("{\"a\":1}"), assembler.part("1}", true));
        assertEquals(new MessageAssembler.Whole("x"), assembler.part("x", true), "the next message starts afresh");
    }

    @Test
    void aMessageOverWhatIsKeptIsOnlyCounted() {
        assertNull(assembler.part("x".repeat(8), false));
        assertNull(assembler.part("x".repeat(8), false));
        assertNull(assembler.part("x".repeat(2), false));
        assertEquals(new MessageAssembler.TooLong(20), assembler.part("xx", true));
        assertEquals(new MessageAssembler.Whole("ok"), assembler.part("ok", true));
    }

    @Test
    void aMessageOverTheLimitIsGivenUpOnceAndItsRestIgnored() {
        assertNull(assembler.part("x".repeat(60), false));
        assertInstanceOf(MessageAssembler.Over.class, assembler.part("x".repeat(60), false));
        for (int i = 0; i < 1000; i++) {
            assertNull(assembler.part("x".repeat(60), false), "the rest of it is dropped as it comes");
        }
        assertNull(assembler.part("x", true));
        assertEquals(new MessageAssembler.Whole("ok"), assembler.part("ok", true));
    }
}
