package org.consilium.web.signaling;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consilium.application.call.CallRefused;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.web.json.StrictJson;

/**
 * A {@code receiver-constraints} message (docs/signaling.md), read strictly: every field of
 * its type and within its limits, no field the message does not have, the field at fault
 * named in the {@code invalid} error. What passes is a valid {@link ReceiverConstraints}.
 * Plain Java, no state.
 */
final class ReceiverConstraintsReader {

    static final Set<String> FIELDS = Set.of("type", "lastN", "defaultMaxHeight", "onStage", "stageMaxHeight", "maxHeights",
            "defaultMaxFrameRate", "stageMaxFrameRate");
    private static final String HEIGHT = "a whole number from 0 to " + ReceiverConstraints.MAX_HEIGHT;

    private ReceiverConstraintsReader() {
    }

    /**
     * @throws CallRefused {@code invalid}, naming the field, for anything but the documented shape
     * @throws org.consilium.web.json.BadJson for a number field of the wrong type or range
     */
    static ReceiverConstraints read(JsonObject message) {
        for (String field : message.keySet()) {
            if (!FIELDS.contains(field)) {
                throw invalid("'" + shown(field) + "' is not a field of receiver-constraints; it takes lastN, "
                        + "defaultMaxHeight, onStage, stageMaxHeight, maxHeights, defaultMaxFrameRate, stageMaxFrameRate");
            }
        }
        int lastN = StrictJson.optionalWhole(message, "lastN", ReceiverConstraints.UNLIMITED,
                ReceiverConstraints.MAX_LAST_N).map(Long::intValue).orElseThrow(() -> invalid(
                "'lastN' is missing: it must be -1 (no limit) or 0 to " + ReceiverConstraints.MAX_LAST_N));
        int defaultMaxHeight = height(message, "defaultMaxHeight")
                .orElseThrow(() -> invalid("'defaultMaxHeight' is missing: it must be " + HEIGHT));
        List<String> onStage = onStage(message.get("onStage"));
        int stageMaxHeight = height(message, "stageMaxHeight").orElse(-1);
        if (stageMaxHeight < 0) {
            if (!onStage.isEmpty()) {
                throw invalid("'stageMaxHeight' is missing: with sources on stage it must be " + HEIGHT);
            }
            stageMaxHeight = 0;
        }
        return new ReceiverConstraints(lastN, defaultMaxHeight, onStage, stageMaxHeight, maxHeights(message.get("maxHeights")),
                frameRate(message, "defaultMaxFrameRate"), frameRate(message, "stageMaxFrameRate"));
    }

    /** An optional frame rate: absent is -1, the source's own. */
    private static int frameRate(JsonObject message, String field) {
        int frameRate = StrictJson.optionalWhole(message, field, ReceiverConstraints.UNLIMITED,
                ReceiverConstraints.MAX_FRAME_RATE).map(Long::intValue).orElse(ReceiverConstraints.UNLIMITED);
        if (frameRate == 0) {
            throw invalid("'" + field + "' must be -1 (the source's own) or 1 to "
                    + ReceiverConstraints.MAX_FRAME_RATE + " frames per second; a hidden tile has maxHeights 0");
        }
        return frameRate;
    }

    private static java.util.Optional<Integer> height(JsonObject message, String field) {
        return StrictJson.optionalWhole(message, field, 0, ReceiverConstraints.MAX_HEIGHT).map(Long::intValue);
    }

    private static List<String> onStage(JsonValue value) {
        if (absent(value)) {
            return List.of();
        }
        String expected = "'onStage' must be a list of at most " + ReceiverConstraints.MAX_ON_STAGE
                + " different source names";
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().size() > ReceiverConstraints.MAX_ON_STAGE) {
            throw invalid(expected);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString name)) {
                throw invalid(expected);
            }
            String checked = name("onStage", name.getString());
            if (!seen.add(checked)) {
                throw invalid(expected + ": '" + shown(checked) + "' is there twice");
            }
            names.add(checked);
        }
        return names;
    }

    private static Map<String, Integer> maxHeights(JsonValue value) {
        if (absent(value)) {
            return Map.of();
        }
        String expected = "'maxHeights' must be an object of at most " + ReceiverConstraints.MAX_OVERRIDES
                + " source names, each to " + HEIGHT;
        if (value.getValueType() != JsonValue.ValueType.OBJECT || value.asJsonObject().size() > ReceiverConstraints.MAX_OVERRIDES) {
            throw invalid(expected);
        }
        Map<String, Integer> heights = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
            String name = name("maxHeights", entry.getKey());
            if (!(entry.getValue() instanceof JsonNumber number) || !number.isIntegral()) {
                throw invalid(expected);
            }
            long height;
            try {
                height = number.bigDecimalValue().longValueExact();
            } catch (ArithmeticException notWhole) {
                throw invalid(expected);
            }
            if (height < 0 || height > ReceiverConstraints.MAX_HEIGHT) {
                throw invalid(expected);
            }
            heights.put(name, (int) height);
        }
        return heights;
    }

    /**
     * A source name as the bridge's answer signals it: {@code <msid stream>/<msid track>},
     * 1 to 256 characters, printable (it may be repeated in an error).
     */
    private static String name(String field, String name) {
        int slash = name.indexOf('/');
        if (name.isEmpty() || name.length() > ReceiverConstraints.MAX_NAME_LENGTH || slash <= 0 || slash == name.length() - 1
                || !name.codePoints().allMatch(c -> c > 0x20 && c != 0x7F && !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT)) {
            throw invalid("'" + field + "' names sources as <stream>/<track>: 1 to " + ReceiverConstraints.MAX_NAME_LENGTH
                    + " visible characters; not '" + shown(name) + "'");
        }
        return name;
    }

    private static boolean absent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static CallRefused invalid(String message) {
        return new CallRefused("invalid", message);
    }

    private static String shown(String text) {
        String printable = text.replaceAll("[^\\p{Graph}]", "?");
        return printable.length() <= 32 ? printable : printable.substring(0, 32) + "…";
    }
}
