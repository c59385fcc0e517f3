package org.consilium.videobridge.allocation;

import java.util.Map;
import java.util.Objects;

/**
 * What the bridge forwards to one receiver now: per video source (named as in
 * {@link ReceiverConstraints}) the layer it gets, or why it gets none; the estimate of the
 * receiver's downlink the decision was made for, and what the forwarded layers add up to.
 *
 * @param sources     by source name
 * @param estimateBps the receiver's bandwidth estimate, bits per second
 * @param totalBps    the forwarded layers' bitrates together
 */
public record Allocation(Map<String, SourceAllocation> sources, long estimateBps, long totalBps) {

    public Allocation {
        sources = Map.copyOf(sources);
    }

    /** Why a source is not forwarded. Each has its wire name (docs/signaling.md, {@code media-allocation}). */
    public enum Reason {
        /** The receiver's estimate cannot carry it. */
        BANDWIDTH("bandwidth"),
        /** Beyond the receiver's last-N. */
        LAST_N("last-n"),
        /** The receiver does not show it (max height 0). */
        NOT_SHOWN("not-shown"),
        /** Its publisher sends nothing. */
        NO_SIGNAL("no-signal");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One source for this receiver: forwarded at {@code layer} (an index into the source's
     * layers, lowest first) of {@code height} pixels, or paused ({@code layer} -1) for {@code reason}.
     */
    public record SourceAllocation(int layer, int height, Reason reason) {

        public SourceAllocation {
            if (layer < 0 && reason == null) {
                throw new IllegalArgumentException("a paused source has a reason");
            }
        }

        public static SourceAllocation forwarded(int layer, int height) {
            return new SourceAllocation(layer, height, null);
        }

        public static SourceAllocation paused(Reason reason) {
            return new SourceAllocation(-1, 0, Objects.requireNonNull(reason));
        }

        public boolean isForwarded() {
            return layer >= 0;
        }
    }
}
