package org.consilium.videobridge.conference;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * Keyframe requests for one endpoint, both ways: as a publisher it is asked (a PLI at most
 * every 300 ms per stream, however many receivers lost a picture); as a receiver its
 * PLI/FIR names the stream it knows, which for simulcast is the layer it gets now.
 * Separate from RTCP parsing because the conference and the allocation ask too.
 */
final class KeyframeRequests {

    /** At most one keyframe request per stream in this interval, however many receivers ask. */
    static final long KEYFRAME_REQUEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final Conference conference;
    private final IncomingStreams incoming;
    private final OutgoingStreams outgoing;
    private final LayerForwarding layers;
    private final EndpointSender sender;
    private final int bridgeSsrc;
    private final Map<Integer, Long> lastKeyframeRequest = new ConcurrentHashMap<>();
    /**
     * Streams asked for again within their 300 ms: asked once more when the window ends
     * ({@link #tick}), not dropped. A receiver switching layers right after another one
     * did would otherwise wait for its own 500 ms re-ask (docs/performance.md: the tail of
     * the switch latency when receivers share a publisher).
     */
    private final java.util.Set<Integer> deferred = ConcurrentHashMap.newKeySet();
    private final LongAdder keyframeRequestsSent = new LongAdder();

    KeyframeRequests(Conference conference, IncomingStreams incoming, OutgoingStreams outgoing, LayerForwarding layers,
                     EndpointSender sender, int bridgeSsrc) {
        this.conference = conference;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.layers = layers;
        this.sender = sender;
        this.bridgeSsrc = bridgeSsrc;
    }

    /** Asks this endpoint (the publisher of {@code mediaSsrc}) for a keyframe, at most every 300 ms. */
    void request(int mediaSsrc) {
        long now = System.nanoTime();
        Long last = lastKeyframeRequest.get(mediaSsrc);
        if (last != null && now - last < KEYFRAME_REQUEST_INTERVAL_NANOS) {
            deferred.add(mediaSsrc);
            return;
        }
        send(mediaSsrc, now);
    }

    private void send(int mediaSsrc, long now) {
        deferred.remove(mediaSsrc);
        lastKeyframeRequest.put(mediaSsrc, now);
        keyframeRequestsSent.increment();
        sender.sendRtcp(RtcpCompound.pli(bridgeSsrc, mediaSsrc));
    }

    /** On the endpoint's tick: the requests held back by the 300 ms window go out once it has passed. */
    void tick(long now) {
        if (deferred.isEmpty()) {
            return;
        }
        for (Integer ssrc : deferred) {
            Long last = lastKeyframeRequest.get(ssrc);
            if (last == null || now - last >= KEYFRAME_REQUEST_INTERVAL_NANOS) {
                send(ssrc, now);
            }
        }
    }

    /**
     * From any thread (a recorder's writer): the request goes out on the endpoint's next tick,
     * on the media thread, which alone encrypts this endpoint's RTCP (one SRTCP index space).
     */
    void requestOnTick(MediaSource source, int layer) {
        int ssrc = layer == IncomingStreams.SINGLE || !source.isSimulcast() ? source.ssrc()
                : incoming.layerSsrc(source, layer);
        if (ssrc != 0) {
            deferred.add(ssrc);
        }
    }

    /** Asks this endpoint for a keyframe of one layer of its simulcast source (when that layer was seen). */
    void requestLayer(MediaSource source, int layer) {
        int ssrc = incoming.layerSsrc(source, layer);
        if (ssrc != 0) {
            request(ssrc);
        }
    }

    /** This receiver lost a picture of the source it knows as {@code mediaSsrc}: ask its publisher. */
    void wanted(int mediaSsrc) {
        LayerSelector selector = layers.selector(mediaSsrc);
        Endpoint publisher = conference.publisherOf(mediaSsrc);
        if (selector == null || publisher == null) {
            conference.requestKeyframe(mediaSsrc);
            return;
        }
        int layer = selector.current() != LayerSelector.NO_LAYER ? selector.current() : selector.target();
        MediaSource source = publisher.incoming().source(mediaSsrc);
        if (layer != LayerSelector.NO_LAYER && source != null) {
            publisher.requestLayerKeyframe(source, layer);
        }
    }

    /** Back after a silence ({@link HeardAgain}): pictures both ways need a keyframe; ask now. */
    void afterSilence() {
        outgoing.placed().values().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO)
                .forEach(s -> conference.requestKeyframe(s.ssrc()));
        incoming.sources().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO).forEach(s -> request(s.ssrc()));
    }

    long sent() {
        return keyframeRequestsSent.sum();
    }
}
