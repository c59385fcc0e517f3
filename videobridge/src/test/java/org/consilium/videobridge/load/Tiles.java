package org.consilium.videobridge.load;

import java.util.List;
import java.util.Map;
import org.consilium.videobridge.allocation.ReceiverConstraints;

/** Constraints of a receiver that shows every source as a tile of at most a height (no stage, no last-N). */
final class Tiles {

    private Tiles() {
    }

    static ReceiverConstraints atMost(int height) {
        return atMost(height, ReceiverConstraints.UNLIMITED);
    }

    /** Tiles at most {@code height} high, at most {@code frameRate} frames/s (-1: the source's own). */
    static ReceiverConstraints atMost(int height, int frameRate) {
        int tile = Math.min(height, ReceiverConstraints.MAX_HEIGHT);
        return new ReceiverConstraints(ReceiverConstraints.UNLIMITED, tile, List.of(), tile, Map.of(), frameRate);
    }
}
