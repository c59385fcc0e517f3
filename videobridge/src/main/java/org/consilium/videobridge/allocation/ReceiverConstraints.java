package org.consilium.videobridge.allocation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a receiver's page shows, as its {@code receiver-constraints} message says: how many
 * video sources it wants at most (last-N; audio is never limited), the height of a tile,
 * the sources it shows large ("on stage") and their height, and per-source overrides
 * (0: not shown, e.g. a tile scrolled out of view). Source names are
 * {@code <publisher endpoint id>/<track id>} as the SDP answer signals them.
 *
 * @param lastN video sources forwarded at most, 0..{@value #MAX_LAST_N}, or {@value #UNLIMITED}
 * @param defaultMaxHeight the height of a tile, 0..{@value #MAX_HEIGHT}
 * @param onStage sources shown large, at most {@value #MAX_ON_STAGE}, most important first
 * @param stageMaxHeight the height of the stage, 0..{@value #MAX_HEIGHT}
 * @param maxHeights per-source heights that override the tile and stage heights, at most
 *        {@value #MAX_OVERRIDES}
 * @param defaultMaxFrameRate the frame rate of a tile, 1..{@value #MAX_FRAME_RATE}, or
 *        {@value #UNLIMITED} (the source's own)
 * @param stageMaxFrameRate the frame rate of the sources on stage, 1..{@value #MAX_FRAME_RATE}, or
 *        {@value #UNLIMITED} (the source's own: what a page that does not say gets)
 */
public record ReceiverConstraints(int lastN, int defaultMaxHeight, List<String> onStage, int stageMaxHeight,
                                  Map<String, Integer> maxHeights, int defaultMaxFrameRate, int stageMaxFrameRate) {

    public static final int UNLIMITED = -1;
    public static final int MAX_LAST_N = 100;
    public static final int MAX_HEIGHT = 2160;
    public static final int MAX_ON_STAGE = 4;
    public static final int MAX_OVERRIDES = 100;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_FRAME_RATE = 60;

    /**
     * What a receiver gets before it says what it shows (the first second of a call, or a
     * page that never sends constraints): every source (a page without constraints has a
     * receive slot and a tile for each, and a hidden source would look frozen without any
     * explanation), at 360p, the middle camera layer: sharp enough for the large tiles of a
     * two- or three-person visit, half the bitrate of 720p where the page may show small
     * tiles. The bandwidth estimate still limits it: lowest layers first.
     */
    public static final ReceiverConstraints DEFAULT = new ReceiverConstraints(UNLIMITED, 360, List.of(), 720, Map.of());

    /** Tiles and stage at the source's own frame rate. */
    public ReceiverConstraints(int lastN, int defaultMaxHeight, List<String> onStage, int stageMaxHeight,
                               Map<String, Integer> maxHeights) {
        this(lastN, defaultMaxHeight, onStage, stageMaxHeight, maxHeights, UNLIMITED);
    }

    /** The stage at the source's own frame rate. */
    public ReceiverConstraints(int lastN, int defaultMaxHeight, List<String> onStage, int stageMaxHeight,
                               Map<String, Integer> maxHeights, int defaultMaxFrameRate) {
        this(lastN, defaultMaxHeight, onStage, stageMaxHeight, maxHeights, defaultMaxFrameRate, UNLIMITED);
    }

    public ReceiverConstraints {
        frameRate("defaultMaxFrameRate", defaultMaxFrameRate);
        frameRate("stageMaxFrameRate", stageMaxFrameRate);
        if (lastN < UNLIMITED || lastN > MAX_LAST_N) {
            throw new IllegalArgumentException("lastN must be -1 (no limit) or 0.." + MAX_LAST_N + ", was " + lastN);
        }
        height("defaultMaxHeight", defaultMaxHeight);
        height("stageMaxHeight", stageMaxHeight);
        if (onStage == null) {
            throw new IllegalArgumentException("onStage is required (an empty list when nothing is on stage)");
        }
        if (onStage.size() > MAX_ON_STAGE) {
            throw new IllegalArgumentException("onStage holds at most " + MAX_ON_STAGE + " sources, had " + onStage.size());
        }
        Set<String> seen = new HashSet<>();
        for (String name : new ArrayList<>(onStage)) {
            name("onStage", name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("onStage names " + name + " twice");
            }
        }
        onStage = List.copyOf(onStage);
        if (maxHeights == null) {
            throw new IllegalArgumentException("maxHeights is required (an empty map when there are no overrides)");
        }
        if (maxHeights.size() > MAX_OVERRIDES) {
            throw new IllegalArgumentException("maxHeights holds at most " + MAX_OVERRIDES + " sources, had "
                    + maxHeights.size());
        }
        Map<String, Integer> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : maxHeights.entrySet()) {
            name("maxHeights", entry.getKey());
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("maxHeights of " + entry.getKey() + " has no value");
            }
            height("maxHeights of " + entry.getKey(), entry.getValue());
            copy.put(entry.getKey(), entry.getValue());
        }
        maxHeights = Map.copyOf(copy);
    }

    /** Whether {@code source} is shown large on this receiver's page. */
    public boolean isOnStage(String source) {
        return onStage.contains(source);
    }

    /**
     * The height {@code source} is shown at: its override if it has one, else the stage's
     * when on stage, else a tile's. 0: not shown.
     */
    public int maxHeight(String source) {
        Integer override = maxHeights.get(source);
        if (override != null) {
            return override;
        }
        return isOnStage(source) ? stageMaxHeight : defaultMaxHeight;
    }

    /**
     * The frame rate {@code source} is shown at: the stage's when on stage, else a tile's;
     * {@link #UNLIMITED}: its own. The page decides (the web client lowers the stage only for
     * a speaker's camera among many tiles, never for a shared screen, which motion or not is
     * one stream without temporal layers the bridge could leave out anyway).
     */
    public int maxFrameRate(String source) {
        return isOnStage(source) ? stageMaxFrameRate : defaultMaxFrameRate;
    }

    /** Video sources forwarded at most ({@link Integer#MAX_VALUE} when unlimited). */
    public int videoLimit() {
        return lastN == UNLIMITED ? Integer.MAX_VALUE : lastN;
    }

    private static void frameRate(String what, int frameRate) {
        if (frameRate != UNLIMITED && (frameRate < 1 || frameRate > MAX_FRAME_RATE)) {
            throw new IllegalArgumentException(what + " must be -1 (the source's own) or 1.."
                    + MAX_FRAME_RATE + " frames/s, was " + frameRate);
        }
    }

    private static void height(String what, int height) {
        if (height < 0 || height > MAX_HEIGHT) {
            throw new IllegalArgumentException(what + " must be 0.." + MAX_HEIGHT + " pixels, was " + height);
        }
    }

    private static void name(String where, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(where + " holds an empty source name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(where + " holds a source name longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
    }
}
