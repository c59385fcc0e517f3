package org.consilium.videobridge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Conversations as RFC 6464 levels every 20 ms per participant (what a browser sends with
 * Opus): takeover time, no flapping on a cough or on short interjections, silence keeps
 * the speaker, noise is not speech.
 */
class DominantSpeakerTest {

    private static final int SILENT = 127;
    private static final int ROOM = 85;     // a quiet room with noise suppression
    private static final int VOICE = 30;    // normal speech, -30 dBov
    /** A start time far from 0, so that nothing depends on the clock's origin. */
    private static final long ORIGIN = TimeUnit.HOURS.toNanos(5) + 7_000_000;

    private final DominantSpeaker speakers = new DominantSpeaker();
    /** (millisecond, new dominant speaker), as the detector reported them. */
    private final List<String> changes = new ArrayList<>();
    private final Map<String, IntUnaryOperator> participants = new LinkedHashMap<>();
    private int now;

    /** A participant whose level at millisecond t is {@code level.applyAsInt(t)}. */
    private void participant(String id, IntUnaryOperator level) {
        participants.put(id, level);
    }

    /** Runs the conversation until {@code untilMillis}, every participant sending a packet every 20 ms. */
    private void runUntil(int untilMillis) {
        for (; now < untilMillis; now += 20) {
            int offset = 0;
            for (Map.Entry<String, IntUnaryOperator> participant : participants.entrySet()) {
                long at = ORIGIN + TimeUnit.MILLISECONDS.toNanos(now) + offset++ * 1_000; // a little apart
                if (speakers.level(participant.getKey(), participant.getValue().applyAsInt(now), at)) {
                    changes.add(now + ":" + speakers.dominant());
                }
            }
        }
    }

    /** Speech between the two times: syllables of 180 ms at -30 dBov with 120 ms pauses at room level. */
    private static IntUnaryOperator speaksBetween(int fromMillis, int toMillis) {
        return t -> t >= fromMillis && t < toMillis && (t - fromMillis) % 300 < 180 ? VOICE : ROOM;
    }

    /** The millisecond {@code id} became dominant (last time), or -1. */
    private int tookOverAt(String id) {
        int at = -1;
        for (String change : changes) {
            if (change.endsWith(":" + id)) {
                at = Integer.parseInt(change.substring(0, change.indexOf(':')));
            }
        }
        return at;
    }

    @Test
    void aSpeakerBecomesDominantAfterOneToOneAndAHalfSecondsOfSpeech() {
        participant("a", speaksBetween(3000, 20_000));
        participant("b", t -> ROOM);
        runUntil(3000);
        assertNull(speakers.dominant(), "nobody has spoken yet");

        runUntil(6000);

        int after = tookOverAt("a") - 3000;
        assertTrue(after >= 1000 && after <= 1500, "took over after " + after + " ms");
        assertEquals(List.of("a"), speakers.ranking());
    }

    @Test
    void aNewSpeakerTakesOverWhenTheOtherHasStopped() {
        participant("a", speaksBetween(1000, 5000));
        participant("b", speaksBetween(6000, 12_000));
        runUntil(5000);
        assertEquals("a", speakers.dominant());

        runUntil(12_000);

        int after = tookOverAt("b") - 6000;
        assertTrue(after >= 1000 && after <= 1500, "took over after " + after + " ms");
        assertEquals(List.of("b", "a"), speakers.ranking());
        assertEquals(2, changes.size(), "a once, b once: " + changes);
    }

    @Test
    void naturalSpeechWithPausesBetweenWordsTakesOverWithinAboutASecondAndAHalf() {
        // Syllables: 180 ms of voice, 120 ms of pause, and a 400 ms breath every 2 s.
        participant("a", t -> t < 2000 || (t % 300) >= 180 || (t % 2000) >= 1600 ? ROOM : VOICE - (t % 7));
        participant("b", t -> ROOM);

        runUntil(6000);

        int after = tookOverAt("a") - 2000;
        assertTrue(after >= 1000 && after <= 1700, "took over after " + after + " ms");
    }

    @Test
    void aCoughOrAShortYesDoesNotTakeOver() {
        participant("a", speaksBetween(1000, 4000));
        // b: a 400 ms cough, then "yes" (300 ms) and another cough while a is silent.
        participant("b", t -> (t >= 5000 && t < 5400) || (t >= 6000 && t < 6300) || (t >= 7500 && t < 7900)
                ? 10 : ROOM);

        runUntil(12_000);

        assertEquals("a", speakers.dominant());
        assertEquals(List.of("a"), speakers.ranking());
        assertEquals(1, changes.size(), changes.toString());
    }

    @Test
    void silenceNeverTakesTheSpeakerAway() {
        participant("a", speaksBetween(500, 3000));
        participant("b", t -> SILENT);
        participant("c", t -> ROOM);

        runUntil(60_000);

        assertEquals("a", speakers.dominant());
    }

    @Test
    void twoTalkingAtOnceDoNotFlap() {
        participant("a", speaksBetween(500, 30_000));
        // b interjects for 0.6 s every 1.2 s, and then talks over a for 5 s: a talks as much, a keeps it.
        IntUnaryOperator overlapping = speaksBetween(20_000, 25_000);
        participant("b", t -> t > 3000 && t < 15_000 && (t % 1200) < 600 ? VOICE : overlapping.applyAsInt(t));

        runUntil(30_000);

        assertEquals(List.of("a"), speakers.ranking());
        assertEquals(1, changes.size(), changes.toString());
    }

    @Test
    void steadyNoiseIsNotSpeechButSpeechOverItIs() {
        Random random = new Random(6464);
        // c sits next to a loud machine: -40 dBov (+-2) all the time, and speaks at -22 dBov from 8 s.
        participant("c", t -> t >= 8000 && t < 12_000 ? 22 : 40 + random.nextInt(5) - 2);
        participant("d", t -> ROOM);

        runUntil(8000);
        assertNull(speakers.dominant(), "noise louder than speech's threshold, but steady: not speech");
        runUntil(12_000);
        assertEquals("c", speakers.dominant());
    }

    @Test
    void theRankingPutsTheMostRecentDominantSpeakerFirstAndForgetsWhoLeft() {
        participant("a", speaksBetween(500, 2000));
        participant("b", speaksBetween(3000, 5000));
        participant("c", speaksBetween(6000, 8000));
        participant("a2", speaksBetween(9000, 9000)); // never speaks
        runUntil(9000);
        assertEquals(List.of("c", "b", "a"), speakers.ranking());

        assertTrue(speakers.remove("b"));
        assertEquals(List.of("c", "a"), speakers.ranking());
        assertFalse(speakers.remove("a2"), "never ranked: the ranking is unchanged");
        assertTrue(speakers.remove("c"));
        assertNull(speakers.dominant(), "the dominant speaker left");
        assertEquals(List.of("a"), speakers.ranking());
        assertFalse(speakers.remove("nobody"));
    }

    @Test
    void refusesALevelOutsideRfc6464() {
        assertThrows(IllegalArgumentException.class, () -> speakers.level("a", 128, 0));
        assertThrows(IllegalArgumentException.class, () -> speakers.level("a", -1, 0));
    }

    @Test
    void aLongGapInTheClockForgetsOldSpeech() {
        participant("a", speaksBetween(500, 2000));
        runUntil(2000);
        assertEquals("a", speakers.dominant());
        // An hour later, b speaks for half a second: the old voiced buckets of a must not count for anyone.
        long later = ORIGIN + TimeUnit.HOURS.toNanos(1);
        for (int t = 0; t < 500; t += 20) {
            speakers.level("a", ROOM, later + TimeUnit.MILLISECONDS.toNanos(t));
            speakers.level("b", VOICE, later + TimeUnit.MILLISECONDS.toNanos(t) + 1000);
        }
        assertEquals("a", speakers.dominant());
    }
}
