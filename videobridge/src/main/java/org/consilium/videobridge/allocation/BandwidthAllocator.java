package org.consilium.videobridge.allocation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses, for one receiver, a layer of every video source it could get, within its
 * bandwidth estimate. A pure function: the same inputs give the same allocation.
 *
 * <ol>
 * <li><b>Order.</b> On-stage sources first (a screen share before a camera, then in the
 *     receiver's stage order), then the rest (screen shares before cameras), each group by
 *     the speaker ranking of the source's owner (most recent dominant speaker first), then
 *     in the order given (callers pass a stable one, e.g. join order).</li>
 * <li><b>Shown or not.</b> A source without layers is {@code NO_SIGNAL}; one with max height
 *     0 is {@code NOT_SHOWN}; after the first last-N shown sources, {@code LAST_N}. Neither
 *     counts towards last-N.</li>
 * <li><b>Lowest layers first.</b> In order, every shown source gets its lowest layer while the
 *     estimate carries it. At the first one it cannot carry, it and every later one are
 *     {@code BANDWIDTH}: a lower-priority tile never runs while a higher one is paused, and
 *     when not even the first source's lowest layer (about 150 kbit/s) fits, all video is
 *     paused and audio (never allocated: it always flows) has the link to itself.</li>
 * <li><b>Then the stage,</b> each on-stage source as high as fits, up to its max height;
 *     <b>then the tiles,</b> one layer up at a time, in turns, so tiles look alike.</li>
 * </ol>
 * A source's layer is the highest whose height is at most its max height, but at least its
 * lowest (a 1080p screen share in a 180p tile still shows, scaled down by the browser).
 *
 * <p><b>Hysteresis.</b> A layer above what the previous allocation gave the source (or any
 * layer for a source that had none) is taken only if the total with it fits the estimate
 * with {@value #UPGRADE_HEADROOM_PERCENT}% to spare; keeping or lowering needs only to
 * fit. An estimate, or a measured layer bitrate, wobbling by up to that much around a
 * boundary thus neither flips the layer nor pauses and resumes video every second, while a
 * real drop takes effect at once. 10% is above the second-to-second wobble of a steady
 * estimate and of a VP8 layer's measured bitrate, and small enough that an upgrade is not
 * held back noticeably.
 */
public final class BandwidthAllocator {

    static final int UPGRADE_HEADROOM_PERCENT = 10;
    private static final double UPGRADE_FACTOR = 1 + UPGRADE_HEADROOM_PERCENT / 100.0;

    private static final Comparator<Candidate> PRIORITY = Comparator
            .comparingInt((Candidate c) -> c.onStage ? 0 : 1)
            .thenComparingInt(c -> c.source.isScreen() ? 0 : 1)
            .thenComparingInt(c -> c.rank)
            .thenComparingInt(c -> c.inputIndex);

    private BandwidthAllocator() {
    }

    /**
     * @param sources the video sources this receiver could get (never its own)
     * @param constraints what its page shows
     * @param speakerRanking endpoint ids, the most recent dominant speaker first ({@link DominantSpeaker#ranking()})
     * @param estimateBps the receiver's bandwidth estimate ({@link Long#MAX_VALUE}: no limit)
     * @param previous its last allocation ({@link Allocation#EMPTY} for the first), for hysteresis
     */
    public static Allocation allocate(List<VideoSource> sources, ReceiverConstraints constraints,
                                      List<String> speakerRanking, long estimateBps, Allocation previous) {
        Map<String, Integer> rankOf = new HashMap<>();
        for (int i = 0; i < speakerRanking.size(); i++) {
            rankOf.putIfAbsent(speakerRanking.get(i), i);
        }
        Candidate[] candidates = new Candidate[sources.size()];
        for (int i = 0; i < candidates.length; i++) {
            VideoSource source = sources.get(i);
            boolean onStage = constraints.isOnStage(source.name());
            int rank = onStage ? constraints.onStage().indexOf(source.name())
                    : rankOf.getOrDefault(source.ownerEndpointId(), Integer.MAX_VALUE);
            candidates[i] = new Candidate(source, i, onStage, rank, constraints.maxHeight(source.name()),
                    previous.layer(source.name()));
        }
        Arrays.sort(candidates, PRIORITY);

        Budget budget = new Budget(estimateBps);
        int shown = 0;
        boolean paused = false;
        for (Candidate candidate : candidates) {
            if (candidate.source.layers().isEmpty()) {
                candidate.reason = SourceAllocation.Reason.NO_SIGNAL;
            } else if (candidate.maxHeight == 0) {
                candidate.reason = SourceAllocation.Reason.NOT_SHOWN;
            } else if (shown >= constraints.videoLimit()) {
                candidate.reason = SourceAllocation.Reason.LAST_N;
            } else {
                shown++;
                if (!paused && budget.fits(candidate, 0)) {
                    budget.take(candidate, 0);
                } else {
                    paused = true;
                    candidate.reason = SourceAllocation.Reason.BANDWIDTH;
                }
            }
        }
        for (Candidate candidate : candidates) {
            if (candidate.onStage && candidate.isForwarded()) {
                for (int position = candidate.top(); position > candidate.position; position--) {
                    if (budget.fits(candidate, position)) {
                        budget.take(candidate, position);
                        break;
                    }
                }
            }
        }
        boolean raised = true;
        while (raised) {
            raised = false;
            for (Candidate candidate : candidates) {
                if (!candidate.onStage && candidate.isForwarded() && candidate.position < candidate.top()
                        && budget.fits(candidate, candidate.position + 1)) {
                    budget.take(candidate, candidate.position + 1);
                    raised = true;
                }
            }
        }

        Map<String, SourceAllocation> result = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            String name = candidate.source.name();
            result.put(name, candidate.isForwarded()
                    ? SourceAllocation.forwarded(name, candidate.layer(candidate.position))
                    : SourceAllocation.paused(name, candidate.reason));
        }
        return new Allocation(result, budget.used, estimateBps);
    }

    /** One source while it is being allocated. */
    private static final class Candidate {
        final VideoSource source;
        final int inputIndex;
        final boolean onStage;
        final int rank;
        final int maxHeight;
        /** Position (in the source's low-to-high layers) of the layer it had; -1 for none. */
        final int previousPosition;
        /** Position of its layer now; -1 for none. */
        int position = -1;
        SourceAllocation.Reason reason;

        Candidate(VideoSource source, int inputIndex, boolean onStage, int rank, int maxHeight, int previousLayer) {
            this.source = source;
            this.inputIndex = inputIndex;
            this.onStage = onStage;
            this.rank = rank;
            this.maxHeight = maxHeight;
            this.previousPosition = positionOf(source.layers(), previousLayer);
        }

        boolean isForwarded() {
            return position >= 0;
        }

        Layer layer(int at) {
            return source.layers().get(at);
        }

        long bitrate(int at) {
            return at < 0 ? 0 : layer(at).bitrateBps();
        }

        /**
         * The highest position allowed by its max height; at least the lowest layer. A
         * layer of unknown height (0) is never chosen above the lowest: it may be 720p.
         */
        int top() {
            List<Layer> layers = source.layers();
            int top = 0;
            for (int at = 1; at < layers.size(); at++) {
                int height = layers.get(at).height();
                if (height > 0 && height <= maxHeight) {
                    top = at;
                }
            }
            return top;
        }

        /**
         * Where the previous layer is now. A previous layer that is gone (the publisher
         * dropped it) counts as the top: moving to what is left is no upgrade.
         */
        private static int positionOf(List<Layer> layers, int index) {
            if (index == SourceAllocation.NONE) {
                return -1;
            }
            for (int at = 0; at < layers.size(); at++) {
                if (layers.get(at).index() == index) {
                    return at;
                }
            }
            return layers.size();
        }
    }

    /** What the forwarded layers cost so far, against the estimate. */
    private static final class Budget {
        final long estimateBps;
        long used;

        Budget(long estimateBps) {
            this.estimateBps = estimateBps;
        }

        /** Whether moving {@code candidate} to the layer at {@code position} fits (with headroom if an upgrade). */
        boolean fits(Candidate candidate, int position) {
            double total = (double) used - candidate.bitrate(candidate.position) + candidate.bitrate(position);
            double needed = position > candidate.previousPosition ? total * UPGRADE_FACTOR : total;
            return needed <= estimateBps;
        }

        void take(Candidate candidate, int position) {
            used += candidate.bitrate(position) - candidate.bitrate(candidate.position);
            candidate.position = position;
            candidate.reason = SourceAllocation.Reason.FORWARDED;
        }
    }
}
