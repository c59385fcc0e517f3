package org.consilium.recording.rtp;

/**
 * One encoded frame as a depacketizer gives it: the codec's bitstream for one timestamp,
 * whether a decoder can start there, and (for a VP8 keyframe) the picture size it declares.
 *
 * @param timestamp the extended RTP timestamp of its packets
 * @param arrivalNanos when its first packet arrived (the bridge's System.nanoTime())
 */
public record EncodedFrame(long timestamp, byte[] data, boolean keyframe, int width, int height, long arrivalNanos) {

    /** No size known (audio, a VP8 delta frame). */
    public static final int NO_SIZE = 0;
}
