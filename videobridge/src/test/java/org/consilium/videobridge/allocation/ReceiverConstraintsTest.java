package org.consilium.videobridge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits of the receiver-constraints message, and which height applies to a source. */
class ReceiverConstraintsTest {

    @Test
    void overridesBeatTheStageWhichBeatsTheTileHeight() {
        ReceiverConstraints constraints = new ReceiverConstraints(16, 180, List.of("a/1", "b/1"), 720,
                Map.of("b/1", 0, "c/1", 360));

        assertEquals(720, constraints.maxHeight("a/1"));
        assertEquals(0, constraints.maxHeight("b/1"), "an override of 0 hides even an on-stage source");
        assertEquals(360, constraints.maxHeight("c/1"));
        assertEquals(180, constraints.maxHeight("d/1"));
        assertTrue(constraints.isOnStage("a/1"));
        assertFalse(constraints.isOnStage("c/1"));
        assertEquals(16, constraints.videoLimit());
        assertEquals(Integer.MAX_VALUE, ReceiverConstraints.DEFAULT.videoLimit());
        assertEquals(360, ReceiverConstraints.DEFAULT.maxHeight("any/1"));
    }

    @Test
    void acceptsTheLimitsThemselves() {
        Map<String, Integer> hundred = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("e" + i + "/" + "t".repeat(250), 2160);
        }
        ReceiverConstraints constraints = new ReceiverConstraints(100, 0, List.of("a/1", "b/1", "c/1", "d/1"), 2160,
                hundred);
        assertEquals(100, constraints.maxHeights().size());
        new ReceiverConstraints(0, 2160, List.of(), 0, Map.of());
        new ReceiverConstraints(-1, 180, List.of("x".repeat(256)), 720, Map.of());
    }

    @Test
    void refusesValuesOutsideTheLimitsWithAMessageThatSaysWhich() {
        assertRefused("lastN must be -1 (no limit) or 0..100, was 101",
                () -> new ReceiverConstraints(101, 180, List.of(), 720, Map.of()));
        assertRefused("lastN must be -1 (no limit) or 0..100, was -2",
                () -> new ReceiverConstraints(-2, 180, List.of(), 720, Map.of()));
        assertRefused("defaultMaxHeight must be 0..2160 pixels, was 2161",
                () -> new ReceiverConstraints(-1, 2161, List.of(), 720, Map.of()));
        assertRefused("stageMaxHeight must be 0..2160 pixels, was -1",
                () -> new ReceiverConstraints(-1, 180, List.of(), -1, Map.of()));
        assertRefused("onStage holds at most 4 sources, had 5",
                () -> new ReceiverConstraints(-1, 180, List.of("a", "b", "c", "d", "e"), 720, Map.of()));
        assertRefused("onStage names a/1 twice",
                () -> new ReceiverConstraints(-1, 180, List.of("a/1", "a/1"), 720, Map.of()));
        assertRefused("onStage holds an empty source name",
                () -> new ReceiverConstraints(-1, 180, Arrays.asList("a/1", null), 720, Map.of()));
        assertRefused("onStage holds a source name longer than 256 characters",
                () -> new ReceiverConstraints(-1, 180, List.of("x".repeat(257)), 720, Map.of()));
        assertRefused("maxHeights of a/1 must be 0..2160 pixels, was 4320",
                () -> new ReceiverConstraints(-1, 180, List.of(), 720, Map.of("a/1", 4320)));
        assertRefused("maxHeights holds an empty source name",
                () -> new ReceiverConstraints(-1, 180, List.of(), 720, Map.of("", 180)));
        Map<String, Integer> nullValue = new HashMap<>();
        nullValue.put("a/1", null);
        assertRefused("maxHeights of a/1 has no value",
                () -> new ReceiverConstraints(-1, 180, List.of(), 720, nullValue));
        Map<String, Integer> tooMany = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            tooMany.put("e" + i, 180);
        }
        assertRefused("maxHeights holds at most 100 sources, had 101",
                () -> new ReceiverConstraints(-1, 180, List.of(), 720, tooMany));
        assertRefused("onStage is required (an empty list when nothing is on stage)",
                () -> new ReceiverConstraints(-1, 180, null, 720, Map.of()));
    }

    @Test
    void theStageHasAFrameRateOfItsOwnAndWithoutOneGetsTheSourcesRate() {
        ReceiverConstraints board = new ReceiverConstraints(16, 180, List.of("speaker/1"), 720, Map.of(), 8, 15);
        assertEquals(15, board.maxFrameRate("speaker/1"), "the speaker on stage");
        assertEquals(8, board.maxFrameRate("audience/1"), "a tile");

        ReceiverConstraints tilesOnly = new ReceiverConstraints(16, 180, List.of("speaker/1"), 720, Map.of(), 8);
        assertEquals(ReceiverConstraints.UNLIMITED, tilesOnly.maxFrameRate("speaker/1"), "not said: the source's own");
        assertEquals(ReceiverConstraints.UNLIMITED, ReceiverConstraints.DEFAULT.maxFrameRate("any/1"));
        new ReceiverConstraints(-1, 180, List.of(), 0, Map.of(), 1, 60);

        assertRefused("stageMaxFrameRate must be -1 (the source's own) or 1..60 frames/s, was 0",
                () -> new ReceiverConstraints(-1, 180, List.of("a/1"), 720, Map.of(), -1, 0));
        assertRefused("stageMaxFrameRate must be -1 (the source's own) or 1..60 frames/s, was 61",
                () -> new ReceiverConstraints(-1, 180, List.of("a/1"), 720, Map.of(), -1, 61));
        assertRefused("defaultMaxFrameRate must be -1 (the source's own) or 1..60 frames/s, was -2",
                () -> new ReceiverConstraints(-1, 180, List.of(), 720, Map.of(), -2, -1));
    }

    @Test
    void keepsItsOwnCopies() {
        List<String> stage = new ArrayList<>(List.of("a/1"));
        Map<String, Integer> heights = new HashMap<>(Map.of("b/1", 0));
        ReceiverConstraints constraints = new ReceiverConstraints(-1, 180, stage, 720, heights);
        stage.add("c/1");
        heights.put("b/1", 720);
        assertEquals(List.of("a/1"), constraints.onStage());
        assertEquals(0, constraints.maxHeight("b/1"));
    }

    private static void assertRefused(String message, Runnable construction) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(message, refused.getMessage());
    }
}
