package org.consilium.videobridge.allocation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one receiver shows, so the bridge forwards no more than that (docs/signaling.md,
 * {@code receiver-constraints}). Sources are named {@code <msid stream>/<msid track>}, as
 * the bridge's answer signals them. Checked here, whoever builds one: the signaling's
 * parser reports the same limits field by field before it gets this far.
 *
 * @param lastN            at most this many video sources forwarded (0..{@value #MAX_LAST_N}); {@value #NO_LIMIT}: no limit
 * @param defaultMaxHeight a tile's height in pixels (0..{@value #MAX_HEIGHT})
 * @param onStage          the sources shown large, at most {@value #MAX_ON_STAGE}, no repeats
 * @param stageMaxHeight   the stage's height (0..{@value #MAX_HEIGHT})
 * @param maxHeights       per-source overrides, at most {@value #MAX_OVERRIDES}; 0 = not shown
 */
public record ReceiverConstraints(int lastN, int defaultMaxHeight, List<String> onStage, int stageMaxHeight,
                                  Map<String, Integer> maxHeights) {

    public static final int NO_LIMIT = -1;
    public static final int MAX_LAST_N = 100;
    public static final int MAX_HEIGHT = 2160;
    public static final int MAX_ON_STAGE = 4;
    public static final int MAX_OVERRIDES = 100;
    public static final int MAX_NAME = 256;

    /** Before a receiver says anything: every source, at up to 720p (what the bridge did before constraints). */
    public static final ReceiverConstraints UNCONSTRAINED = new ReceiverConstraints(NO_LIMIT, 720, List.of(), 720, Map.of());

    public ReceiverConstraints {
        if (lastN < NO_LIMIT || lastN > MAX_LAST_N) {
            throw new IllegalArgumentException("lastN must be -1 (no limit) or 0 to " + MAX_LAST_N);
        }
        height("defaultMaxHeight", defaultMaxHeight);
        height("stageMaxHeight", stageMaxHeight);
        onStage = List.copyOf(onStage);
        if (onStage.size() > MAX_ON_STAGE || Set.copyOf(onStage).size() != onStage.size()) {
            throw new IllegalArgumentException("onStage names at most " + MAX_ON_STAGE + " sources, each once");
        }
        onStage.forEach(ReceiverConstraints::name);
        maxHeights = Map.copyOf(maxHeights);
        if (maxHeights.size() > MAX_OVERRIDES) {
            throw new IllegalArgumentException("maxHeights has at most " + MAX_OVERRIDES + " entries");
        }
        maxHeights.forEach((source, height) -> {
            name(source);
            height("maxHeights", height);
        });
    }

    /** The height this receiver shows {@code source} at: its override, the stage's, or a tile's. */
    public int maxHeightOf(String source) {
        Integer override = maxHeights.get(source);
        if (override != null) {
            return override;
        }
        return onStage.contains(source) ? stageMaxHeight : defaultMaxHeight;
    }

    private static void height(String field, int height) {
        if (height < 0 || height > MAX_HEIGHT) {
            throw new IllegalArgumentException(field + " must be 0 to " + MAX_HEIGHT);
        }
    }

    private static void name(String source) {
        if (source == null || source.isEmpty() || source.length() > MAX_NAME) {
            throw new IllegalArgumentException("a source name has 1 to " + MAX_NAME + " characters");
        }
    }
}
