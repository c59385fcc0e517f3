package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.consilium.application.call.CallRefused;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.web.json.BadJson;
import org.consilium.web.json.StrictJson;
import org.junit.jupiter.api.Test;

/** {@code receiver-constraints} as browsers send it, as they might get it wrong, and as an attacker might (fuzzed). */
class ReceiverConstraintsReaderTest {

    private static final String GOOD = """
            {"type":"receiver-constraints","lastN":16,"defaultMaxHeight":180,
             "onStage":["ep-7/3f2a"],"stageMaxHeight":720,"maxHeights":{"ep-9/77aa":0}}""";

    @Test
    void theDocumentedMessageIsReadWhole() {
        ReceiverConstraints read = read(GOOD);
        assertEquals(new ReceiverConstraints(16, 180, List.of("ep-7/3f2a"), 720, Map.of("ep-9/77aa", 0)), read);
        assertEquals(720, read.maxHeight("ep-7/3f2a"));
        assertEquals(0, read.maxHeight("ep-9/77aa"));
        assertEquals(180, read.maxHeight("ep-8/other"));
    }

    @Test
    void onlyLastNAndTheTileHeightAreRequired() {
        assertEquals(new ReceiverConstraints(-1, 360, List.of(), 0, Map.of()),
                read("{\"type\":\"receiver-constraints\",\"lastN\":-1,\"defaultMaxHeight\":360}"));
        assertEquals(new ReceiverConstraints(0, 0, List.of(), 0, Map.of()),
                read("{\"type\":\"receiver-constraints\",\"lastN\":0,\"defaultMaxHeight\":0,\"onStage\":null,\"maxHeights\":{}}"));
    }

    @Test
    void tilesMayAskForALowerFrameRate() {
        ReceiverConstraints read = read(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":15"));
        assertEquals(15, read.defaultMaxFrameRate());
        assertEquals(15, read.maxFrameRate("ep-8/other"), "a tile");
        assertEquals(ReceiverConstraints.UNLIMITED, read.maxFrameRate("ep-7/3f2a"), "the stage keeps its motion");
        assertEquals(ReceiverConstraints.UNLIMITED, read(GOOD).defaultMaxFrameRate(), "absent: the source's own");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":0"), "'defaultMaxFrameRate' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":61"), "'defaultMaxFrameRate' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":7.5"), "'defaultMaxFrameRate' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":\"15\""), "'defaultMaxFrameRate' must be");
    }

    @Test
    void theStageMayAskForALowerFrameRateOfItsOwn() {
        String board = GOOD.replace("\"lastN\":16", "\"lastN\":16,\"defaultMaxFrameRate\":8,\"stageMaxFrameRate\":15");
        ReceiverConstraints read = read(board);
        assertEquals(new ReceiverConstraints(16, 180, List.of("ep-7/3f2a"), 720, Map.of("ep-9/77aa", 0), 8, 15), read);
        assertEquals(15, read.maxFrameRate("ep-7/3f2a"), "the speaker on stage");
        assertEquals(8, read.maxFrameRate("ep-8/other"), "a tile");
        assertEquals(ReceiverConstraints.UNLIMITED, read(GOOD).stageMaxFrameRate(), "absent: the source's own");
        assertEquals(ReceiverConstraints.UNLIMITED,
                read(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"stageMaxFrameRate\":-1")).maxFrameRate("ep-7/3f2a"));
        for (String wrong : List.of("0", "61", "-2", "7.5", "\"15\"", "true", "[15]")) {
            refused(GOOD.replace("\"lastN\":16", "\"lastN\":16,\"stageMaxFrameRate\":" + wrong), "'stageMaxFrameRate' must be");
        }
    }

    @Test
    void eachMistakeIsRefusedNamingItsField() {
        refused("{\"type\":\"receiver-constraints\",\"defaultMaxHeight\":180}", "'lastN' is missing");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":101"), "'lastN' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":-2"), "'lastN' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":1.5"), "'lastN' must be");
        refused(GOOD.replace("\"lastN\":16", "\"lastN\":\"16\""), "'lastN' must be");
        refused(GOOD.replace("\"defaultMaxHeight\":180", "\"defaultMaxHeight\":2161"), "'defaultMaxHeight' must be");
        refused(GOOD.replace("\"defaultMaxHeight\":180,", ""), "'defaultMaxHeight' is missing");
        refused(GOOD.replace(",\"stageMaxHeight\":720", ""), "'stageMaxHeight' is missing");
        refused(GOOD.replace("\"stageMaxHeight\":720", "\"stageMaxHeight\":-1"), "'stageMaxHeight' must be");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"a/1\",\"b/1\",\"c/1\",\"d/1\",\"e/1\"]"), "'onStage' must be a list of at most 4");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"a/1\",\"a/1\"]"), "is there twice");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "\"ep-7/3f2a\""), "'onStage' must be a list");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[7]"), "'onStage' must be a list");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"no-slash\"]"), "'onStage' names sources as <stream>/<track>");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"/track\"]"), "'onStage' names sources");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"ep/\"]"), "'onStage' names sources");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"ep/a b\"]"), "'onStage' names sources");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"ep/\\u202e\"]"), "'onStage' names sources");
        refused(GOOD.replace("[\"ep-7/3f2a\"]", "[\"ep/" + "x".repeat(254) + "\"]"), "1 to 256");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "{\"ep-9/77aa\":-1}"), "'maxHeights' must be");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "{\"ep-9/77aa\":\"0\"}"), "'maxHeights' must be");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "{\"ep-9/77aa\":0.5}"), "'maxHeights' must be");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "{\"ep-9/77aa\":1e30}"), "'maxHeights' must be");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "[0]"), "'maxHeights' must be an object");
        refused(GOOD.replace("{\"ep-9/77aa\":0}", "{\"x\":0}"), "'maxHeights' names sources");
        refused(GOOD.replace("\"lastN\"", "\"lastn\":1,\"lastN\""), "'lastn' is not a field of receiver-constraints");
    }

    @Test
    void aHundredOverridesAreTakenAndOneMoreIsNot() {
        StringBuilder heights = new StringBuilder();
        for (int i = 0; i < ReceiverConstraints.MAX_OVERRIDES; i++) {
            heights.append(i == 0 ? "" : ",").append("\"ep-").append(i).append("/video-1\":").append(i % 2 == 0 ? 0 : 2160);
        }
        String message = "{\"type\":\"receiver-constraints\",\"lastN\":100,\"defaultMaxHeight\":180,\"maxHeights\":{"
                + heights + "}}";
        assertEquals(ReceiverConstraints.MAX_OVERRIDES, read(message).maxHeights().size());
        refused(message.replace("}}", ",\"one/more\":0}}"), "at most 100 source names");
    }

    /**
     * Random edits of valid messages (cut, repeated, swapped characters, nasty values put in)
     * end as a valid {@link ReceiverConstraints} or a refusal the sender is told; never another
     * exception, which would be an {@code internal} error, and never a value that breaks the limits.
     */
    @Test
    void fuzzedMessagesAreReadOrRefusedNeverAnythingElse() {
        Random random = new Random(20261206);
        String[] nasty = {"-1", "101", "2161", "1e400", "-0", "0.0", "9223372036854775808", "null", "true", "\"\"", "[]",
                "{}", "\"a/b\"", "\"\\u0000/x\"", "[\"a/b\",\"a/b\"]", "{\"a/b\":1,\"a/b\":2}", "[[[[[[]]]]]]",
                "\"" + "z".repeat(300) + "/x\"", "{\"__proto__/x\":0}"};
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 4_000; i++) {
            String text = mutate(GOOD, random, nasty);
            try {
                ReceiverConstraints read = ReceiverConstraintsReader.read(StrictJson.object(text));
                assertTrue(read.onStage().size() <= 4 && read.maxHeights().size() <= 100, text);
                accepted++;
            } catch (CallRefused expected) {
                assertEquals("invalid", expected.code(), text);
                refused++;
            } catch (BadJson expected) {
                refused++; // not JSON, too deep, or a number field of the wrong type: each has its error code
            } catch (RuntimeException unexpected) {
                fail("'" + text + "' threw " + unexpected, unexpected);
            }
        }
        assertTrue(accepted > 50 && refused > 500, "both outcomes exercised: " + accepted + " read, " + refused + " refused");
    }

    private static String mutate(String text, Random random, String[] nasty) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, out.charAt(random.nextInt(out.length())));
                case 2 -> out.setCharAt(at, (char) random.nextInt(0x80));
                case 3 -> {
                    // a value replaced: after a colon, up to the next comma or closing brace
                    int colon = out.indexOf(":", at);
                    int end = colon < 0 ? -1 : Math.min(indexOrEnd(out, ",", colon), indexOrEnd(out, "}", colon));
                    if (colon >= 0 && end > colon) {
                        out.replace(colon + 1, end, nasty[random.nextInt(nasty.length)]);
                    }
                }
                default -> {
                    // nothing: keeps a share of the messages valid
                }
            }
        }
        return out.toString();
    }

    private static int indexOrEnd(StringBuilder text, String what, int from) {
        int found = text.indexOf(what, from + 1);
        return found < 0 ? text.length() : found;
    }

    private static ReceiverConstraints read(String text) {
        return ReceiverConstraintsReader.read(StrictJson.object(text));
    }

    private static void refused(String text, String says) {
        RuntimeException refusal = assertThrows(RuntimeException.class, () -> read(text), text);
        assertTrue(refusal instanceof CallRefused || refusal instanceof BadJson, refusal.toString());
        if (refusal instanceof CallRefused call) {
            assertEquals("invalid", call.code());
        }
        assertTrue(refusal.getMessage().contains(says), "'" + refusal.getMessage() + "' should say " + says);
    }
}
