package org.consilium.videobridge.allocation;

/**
 * What one receiver gets of one video source: a layer, or nothing and why.
 *
 * @param source the source's name
 * @param layer the forwarded layer's index, or {@link #NONE}
 * @param height the forwarded layer's height (0 when none)
 * @param bitrateBps the forwarded layer's bitrate (0 when none)
 * @param reason {@link Reason#FORWARDED}, or why nothing is
 */
public record SourceAllocation(String source, int layer, int height, long bitrateBps, Reason reason) {

    public static final int NONE = -1;

    /**
     * Why a source is or is not forwarded; the receiver's page explains the paused ones.
     * {@link #wireName()} is the {@code media-allocation} message's {@code reason} (or, for
     * {@code FORWARDED}, its {@code state}).
     */
    public enum Reason {
        /** A layer is forwarded. */
        FORWARDED("forwarded"),
        /** Beyond the receiver's last-N: "not shown to save bandwidth". */
        LAST_N("last-n"),
        /** The estimate cannot carry it: "video paused: weak connection". */
        BANDWIDTH("bandwidth"),
        /** The receiver does not show it (max height 0). */
        NOT_SHOWN("not-shown"),
        /** The publisher sends nothing. */
        NO_SIGNAL("no-signal");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    static SourceAllocation forwarded(String source, Layer layer) {
        return new SourceAllocation(source, layer.index(), layer.height(), layer.bitrateBps(), Reason.FORWARDED);
    }

    static SourceAllocation paused(String source, Reason reason) {
        return new SourceAllocation(source, NONE, 0, 0, reason);
    }

    public boolean isForwarded() {
        return reason == Reason.FORWARDED;
    }

    /** The same decision for a receiver: layer and reason (bitrates move every second and do not count). */
    public boolean sameDecision(SourceAllocation other) {
        return other != null && layer == other.layer && reason == other.reason;
    }
}
