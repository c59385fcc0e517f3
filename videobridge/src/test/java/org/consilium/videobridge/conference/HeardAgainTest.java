package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When an endpoint counts as heard again after a silence: keyframes are asked for then, and once more. */
class HeardAgainTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final HeardAgain heard = new HeardAgain();

    @Test
    void aSteadyStreamIsNeverASilenceNorIsTheFirstPacket() {
        assertFalse(heard.heard(1_000 * MS), "the first packet of a call");
        for (long at = 1_020; at < 10_000; at += 20) {
            assertFalse(heard.heard(at * MS), "packet at " + at + " ms");
        }
    }

    @Test
    void aPacketAfterASilenceOfOneAndAHalfSecondsCountsAndSoDoesTheFirstHalfASecondLater() {
        heard.heard(0);
        assertFalse(heard.heard(1_499 * MS), "just under the silence");

        assertTrue(heard.heard((1_499 + 1_500) * MS), "after 1.5 s of nothing");
        assertFalse(heard.heard((2_999 + 100) * MS));
        assertFalse(heard.heard((2_999 + 499) * MS));
        assertTrue(heard.heard((2_999 + 500) * MS), "the follow-up, once");
        assertFalse(heard.heard((2_999 + 520) * MS));
        assertFalse(heard.heard((2_999 + 1_400) * MS));
    }

    @Test
    void aSilenceBeforeTheFollowUpStartsOver() {
        heard.heard(0);
        assertTrue(heard.heard(2_000 * MS));
        assertTrue(heard.heard(4_000 * MS), "another silence: asked again at once");
        assertTrue(heard.heard(4_500 * MS), "and its follow-up");
        assertFalse(heard.heard(5_000 * MS));
    }

    @Test
    void theClockMayStartAnywhere() {
        HeardAgain fromNegative = new HeardAgain();
        assertFalse(fromNegative.heard(Long.MIN_VALUE + 10));
        assertTrue(fromNegative.heard(Long.MIN_VALUE + 10 + 2_000 * MS));
    }
    @Test
    void silentAfterOneAndAHalfSecondsOfNothingNeverBeforeTheFirstPacket() {
        assertFalse(heard.silent(10_000 * MS), "never heard: nothing to miss (an endpoint still joining)");
        heard.heard(1_000 * MS);
        assertFalse(heard.silent(2_499 * MS));
        assertTrue(heard.silent(2_500 * MS), "1.5 s without a packet: the path is down");
        heard.heard(2_600 * MS);
        assertFalse(heard.silent(2_600 * MS), "heard again");
    }
}
