package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.consilium.web.signaling.MessageRate.Verdict;
import org.junit.jupiter.api.Test;

class MessageRateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstPassesThenTheSenderIsToldOnceAndTheRestIsDroppedQuietly() {
        MessageRate rate = new MessageRate();
        long now = 1_000 * SECOND;
        for (int i = 0; i < MessageRate.BURST_MESSAGES; i++) {
            assertEquals(Verdict.ACCEPT, rate.arrived(100, now), "message " + i + " of the burst");
        }
        assertEquals(Verdict.REFUSE_AND_SAY, rate.arrived(100, now));
        assertEquals(Verdict.REFUSE, rate.arrived(100, now));
    }

    @Test
    void aSenderWithinTheSteadyRateIsNeverRefused() {
        MessageRate rate = new MessageRate();
        long now = 1_000 * SECOND;
        // A minute at the steady rate, with 60 KiB offers mixed in: a busy call's signaling at its worst.
        for (int i = 0; i < 60 * MessageRate.MESSAGES_PER_SECOND; i++) {
            now += SECOND / MessageRate.MESSAGES_PER_SECOND;
            int length = i % 10 == 0 ? 60 * 1024 : 200;
            assertEquals(Verdict.ACCEPT, rate.arrived(length, now), "message " + i);
        }
    }

    @Test
    void charactersAreLimitedToo() {
        MessageRate rate = new MessageRate();
        long now = 1_000 * SECOND;
        int offer = 60 * 1024;
        int passed = 0;
        while (rate.arrived(offer, now) == Verdict.ACCEPT) {
            passed++;
        }
        assertEquals(MessageRate.BURST_CHARS / offer, passed, "the burst of characters");
        now += SECOND;
        assertEquals(Verdict.ACCEPT, rate.arrived(offer, now), "a second later there is room again");
    }

    @Test
    void aQuietSecondEndsTheRunAndTheNextDropIsSaidAgain() {
        MessageRate rate = new MessageRate();
        long now = 1_000 * SECOND;
        for (int i = 0; i < MessageRate.BURST_MESSAGES; i++) {
            rate.arrived(10, now);
        }
        assertEquals(Verdict.REFUSE_AND_SAY, rate.arrived(10, now));
        now += 2 * SECOND;
        for (int i = 0; i < 2 * MessageRate.MESSAGES_PER_SECOND; i++) {
            rate.arrived(10, now);
        }
        assertEquals(Verdict.REFUSE_AND_SAY, rate.arrived(10, now));
    }

    @Test
    void aPersistentFloodIsClosed() {
        MessageRate rate = new MessageRate();
        long now = 1_000 * SECOND;
        Verdict last = Verdict.ACCEPT;
        int sent = 0;
        // 500 messages a second, as the attack did.
        while (last != Verdict.CLOSE && sent < 10 * 500) {
            now += SECOND / 500;
            last = rate.arrived(20, now);
            sent++;
        }
        assertEquals(Verdict.CLOSE, last);
        assertEquals(Verdict.CLOSE, rate.arrived(20, now + 10 * SECOND), "closed stays closed");
    }
}
