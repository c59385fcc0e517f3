package org.consilium.videobridge.conference;

import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * Decides, on the receiver's tick, which layer of each simulcast source it receives. A
 * layer counts only while its packets arrive: a browser drops its higher layers when its
 * own uplink is short, and a receiver switched to a silent layer would see nothing.
 */
final class ReceiverAllocation {

    /** A layer without a packet for this long is taken as stopped. */
    static final long LAYER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final Endpoint receiver;
    private final Conference conference;
    private final LayerForwarding layers;
    private volatile int maxHeight = Integer.MAX_VALUE;

    ReceiverAllocation(Endpoint receiver, Conference conference, LayerForwarding layers) {
        this.receiver = receiver;
        this.conference = conference;
        this.layers = layers;
    }

    /** The tallest video this receiver wants (any thread); layers above it are not sent. */
    void limitHeight(int height) {
        maxHeight = height;
    }

    void chooseLayers(long nowNanos) {
        for (MediaSource source : conference.sourcesFor(receiver.id())) {
            if (!source.isSimulcast() || !receiver.receives(source.ssrc())) {
                continue;
            }
            Endpoint publisher = conference.publisherOf(source.ssrc());
            if (publisher == null) {
                continue;
            }
            layers.target(publisher, source, tallestFitting(publisher.layerStreams(source), maxHeight, nowNanos),
                    nowNanos);
        }
    }

    /** The tallest active layer not above {@code limit}; the lowest active one when none is known to fit. */
    static int tallestFitting(IncomingStreams.Stream[] streams, int limit, long nowNanos) {
        int lowestActive = LayerSelector.NO_LAYER;
        for (int layer = streams.length - 1; layer >= 0; layer--) {
            IncomingStreams.Stream stream = streams[layer];
            if (stream == null || !stream.meter.active(nowNanos, LAYER_TIMEOUT_NANOS)) {
                continue;
            }
            lowestActive = layer;
            int height = stream.meter.height();
            if (height > 0 && height <= limit) {
                return layer;
            }
        }
        return lowestActive;
    }
}
