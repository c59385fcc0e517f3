package org.consilium.videobridge.allocation;

/**
 * One encoding of a video source a receiver could get: a simulcast layer of a camera, or
 * the one encoding of a screen share.
 *
 * @param index the layer's number within its source (the packet path's, e.g. 0 for rid "l")
 * @param height its picture height in pixels, as its last keyframe said, or the nominal one
 *        before any; 0 when unknown (such a layer is chosen only as a source's lowest)
 * @param frameRate frames per second, measured or nominal (informational: not used to choose)
 * @param bitrateBps what forwarding it costs, measured over the last second, or a nominal
 *        value while it is not measured (not yet flowing, or switched off by dynacast)
 */
public record Layer(int index, int height, double frameRate, long bitrateBps) {

    public Layer {
        if (index < 0) {
            throw new IllegalArgumentException("layer index must be 0 or more, was " + index);
        }
        if (height < 0) {
            throw new IllegalArgumentException("layer height must be 0 or more, was " + height);
        }
        if (!(frameRate >= 0)) {
            throw new IllegalArgumentException("layer frame rate must be 0 or more, was " + frameRate);
        }
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("layer bitrate must be 0 or more, was " + bitrateBps);
        }
    }
}
