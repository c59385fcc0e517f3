package org.consilium.videobridge.allocation;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A video source one receiver could get.
 *
 * @param name {@code <publisher endpoint id>/<track id>}, as the receiver's SDP answer signals it
 * @param ownerEndpointId the publisher's endpoint id (its place in the speaker ranking)
 * @param kind camera or screen share
 * @param layers the layers the receiver could get: those arriving, and those dynacast
 *        switched off (they come back when asked for); none when the publisher sends
 *        nothing (camera off, or not yet started). Kept in index order, which is lowest
 *        first (the publisher's layer 0 is its smallest encoding).
 */
public record VideoSource(String name, String ownerEndpointId, Kind kind, List<Layer> layers) {

    public enum Kind { CAMERA, SCREEN }

    private static final Comparator<Layer> LOW_TO_HIGH = Comparator.comparingInt(Layer::index);

    public VideoSource {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a video source needs a name");
        }
        if (ownerEndpointId == null) {
            throw new IllegalArgumentException("video source " + name + " needs its owner's endpoint id");
        }
        if (kind == null) {
            throw new IllegalArgumentException("video source " + name + " needs a kind");
        }
        if (layers == null) {
            throw new IllegalArgumentException("video source " + name + " needs a layer list (empty: nothing sent)");
        }
        Set<Integer> indexes = new HashSet<>();
        for (Layer layer : layers) {
            if (layer == null || !indexes.add(layer.index())) {
                throw new IllegalArgumentException("video source " + name + " has a missing or repeated layer");
            }
        }
        layers = layers.stream().sorted(LOW_TO_HIGH).toList();
    }

    public boolean isScreen() {
        return kind == Kind.SCREEN;
    }
}
