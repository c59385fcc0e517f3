package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ForwardedSequenceTest {

    private final ForwardedSequence numbering = new ForwardedSequence();

    @Test
    void whileNothingIsMissedTheReceiverGetsThePublishersNumbersGapsAndReorderingIncluded() {
        assertEquals(65_534, numbering.rewrite(65_534));
        assertEquals(65_535, numbering.rewrite(65_535));
        assertEquals(2, numbering.rewrite(65_538)); // two lost on the way: a gap the receiver NACKs
        assertEquals(0, numbering.rewrite(65_536)); // late, but still numbered as the publisher did
        assertEquals(65_536, numbering.original(0));
        assertEquals(65_535, numbering.original(65_535));
    }

    @Test
    void afterAMissedStretchNumbersGoOnFromTheLastOneSentAndNacksMapBack() {
        numbering.rewrite(1000);
        numbering.rewrite(1001);
        assertEquals(1002, numbering.rewrite(1000 + 65_536 - 40)); // just below the last 16-bit number sent
        assertEquals(1003, numbering.rewrite(1000 + 65_536 - 39));
        assertEquals(1000 + 65_536 - 40, numbering.original(1002));
        assertEquals(ForwardedSequence.NONE, numbering.original(1001), "before the resume: not this numbering's");
        assertEquals(ForwardedSequence.NONE, numbering.rewrite(1000 + 65_536 - 41), "from before the resume: not sent");
        assertEquals(ForwardedSequence.NONE, numbering.original(1004), "not sent yet");
    }

    @Test
    void aPublisherThatStartsOverIsAlsoContinued() {
        numbering.rewrite(50_000);
        assertEquals(50_001, numbering.rewrite(7));
        assertEquals(50_002, numbering.rewrite(8));
    }

    @Test
    void nothingSentNothingToMap() {
        assertEquals(ForwardedSequence.NONE, numbering.original(5));
    }
}
