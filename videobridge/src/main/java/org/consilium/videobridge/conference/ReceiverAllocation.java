package org.consilium.videobridge.conference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.BandwidthAllocator;
import org.consilium.videobridge.allocation.Layer;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.allocation.SourceAllocation;
import org.consilium.videobridge.allocation.VideoSource;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * Decides, on the receiver's tick, what video it gets: the {@link BandwidthAllocator} over
 * every other participant's video it has a slot for, with its constraints (what its page
 * shows), the conference's speaker ranking and its bandwidth estimate; then moves each
 * simulcast source to its layer and pauses or resumes sources sent as one stream. A layer
 * counts while its packets arrive (a browser drops its upper layers when its own uplink is
 * short; a receiver is never moved to a layer that does not come) or while dynacast has
 * switched it off (it comes back when asked for). The page hears of changes at most every
 * 500 ms. Receive thread only.
 */
final class ReceiverAllocation {

    /** A layer without a packet for this long is taken as stopped. */
    static final long LAYER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    static final long TELL_PAGE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** What a layer is taken to need before it is measured: the web client's encodings (docs/signaling.md). */
    private static final long[] NOMINAL_BPS = {150_000, 500_000, 1_500_000, 2_500_000};
    private static final int[] NOMINAL_HEIGHT = {180, 360, 720, 1080};
    private static final long SCREEN_NOMINAL_BPS = 2_500_000;
    private static final int SCREEN_NOMINAL_HEIGHT = 1080;

    private final Endpoint receiver;
    private final Conference conference;
    private final LayerForwarding layers;
    private Allocation current = Allocation.EMPTY;
    private volatile boolean urgent;
    private boolean pageBehind;
    private long toldPageAt = Long.MIN_VALUE / 2;
    /** By source name, the layer each simulcast source is forwarded in now (for dynacast). */
    private final Map<String, Integer> forwardingNow = new HashMap<>();
    /**
     * A relay's: by source name, how many layers of each simulcast source cross it (all of
     * them, whatever its allocation says: the bridge beyond chooses per receiver), so that
     * dynacast keeps them all on while the relay is there.
     */
    private final Map<String, Integer> relayingEveryLayer = new HashMap<>();

    ReceiverAllocation(Endpoint receiver, Conference conference, LayerForwarding layers) {
        this.receiver = receiver;
        this.conference = conference;
        this.layers = layers;
    }

    /** The receiver's constraints changed (any thread): allocate on the next tick. */
    void urge() {
        urgent = true;
    }

    /** Whether an allocation is wanted before its interval; clears the wish. */
    boolean takeUrgent() {
        if (!urgent) {
            return false;
        }
        urgent = false;
        return true;
    }

    Allocation current() {
        return current;
    }

    void allocate(long nowNanos) {
        ConferenceAllocation shared = conference.allocation();
        List<VideoSource> sources = new ArrayList<>();
        Map<String, MediaSource> byName = new HashMap<>();
        Map<String, Endpoint> publisherOf = new HashMap<>();
        for (Endpoint publisher : conference.endpoints()) {
            if (publisher == receiver) {
                continue;
            }
            int videos = 0;
            for (MediaSource source : publisher.sources()) {
                if (source.kind() != MediaSource.Kind.VIDEO || !receiver.receives(source.ssrc())) {
                    continue;
                }
                // The web client sends its camera first and a screen share in a later section.
                boolean screen = videos++ > 0;
                int frameRate = receiver.receiverConstraints().maxFrameRate(source.name());
                sources.add(new VideoSource(source.name(), publisher.id(),
                        screen ? VideoSource.Kind.SCREEN : VideoSource.Kind.CAMERA,
                        layersOf(publisher, source, screen, frameRate, shared, nowNanos)));
                byName.put(source.name(), source);
                publisherOf.put(source.name(), publisher);
            }
        }
        List<String> ranking = shared.speakerRanking();
        // a path that carries nothing has no bandwidth: its video waits (paused) until it is heard again
        boolean unreachable = receiver.unreachable(nowNanos);
        Allocation next = BandwidthAllocator.allocate(sources, receiver.receiverConstraints(), ranking,
                unreachable ? 0 : receiver.allocationBudgetBps(), current);
        // What it would get on an open path: while the estimate is below that, the path is probed.
        receiver.desire(unreachable ? 0 : BandwidthAllocator.allocate(sources, receiver.receiverConstraints(), ranking,
                Long.MAX_VALUE, Allocation.EMPTY).totalBps());
        forwardingNow.clear();
        relayingEveryLayer.clear();
        java.util.Set<Integer> receiving = new java.util.HashSet<>();
        byName.values().forEach(source -> receiving.add(source.ssrc()));
        layers.stopAllBut(receiving, nowNanos);
        for (VideoSource video : sources) {
            MediaSource source = byName.get(video.name());
            int layer = next.layer(video.name());
            if (source.isSimulcast() && receiver.isRelay() && source.simulcast().relaysEveryLayer()) {
                relayingEveryLayer.put(video.name(), source.simulcast().rids().size());
            } else if (source.isSimulcast()) {
                Endpoint publisher = publisherOf.get(video.name());
                int frameRate = receiver.receiverConstraints().maxFrameRate(video.name());
                int temporal = layer == SourceAllocation.NONE ? LayerSelector.ALL_TEMPORAL
                        : temporalFor(publisher.layerStreams(source), layer, frameRate, nowNanos);
                layers.target(publisher, source,
                        layer == SourceAllocation.NONE ? LayerSelector.NO_LAYER : layer, temporal, nowNanos);
                int forwarded = layers.selectorFor(source).current();
                if (forwarded != LayerSelector.NO_LAYER) {
                    forwardingNow.put(video.name(), forwarded);
                }
            } else if (layers.pause(source.ssrc(), held(next.get(video.name())))) {
                receiver.resumeSingle(publisherOf.get(video.name()), source);
            }
        }
        pageBehind |= !next.changedSince(current).isEmpty();
        current = next;
        boolean tellPage = pageBehind && nowNanos - toldPageAt >= TELL_PAGE_INTERVAL_NANOS;
        if (tellPage) {
            pageBehind = false;
            toldPageAt = nowNanos;
        }
        shared.allocated(receiver.id(), next, tellPage);
    }

    /** Held back on purpose; a source that sends nothing (NO_SIGNAL) is not paused: its first packet goes out. */
    private static boolean held(SourceAllocation decision) {
        return decision != null && !decision.isForwarded() && decision.reason() != SourceAllocation.Reason.NO_SIGNAL;
    }

    /** Adds, by source name, the layer of each simulcast source this receiver is forwarded now. */
    void forwardedLayers(Map<String, List<Integer>> into) {
        forwardingNow.forEach((name, layer) -> into.computeIfAbsent(name, n -> new ArrayList<>()).add(layer));
        relayingEveryLayer.forEach((name, count) -> {
            List<Integer> layers = into.computeIfAbsent(name, n -> new ArrayList<>());
            for (int i = 0; i < count; i++) {
                layers.add(i);
            }
        });
    }

    /** The temporal layers a receiver showing {@code frameRate} frames/s needs of a layer (all when unlimited). */
    private static int temporalFor(IncomingStreams.Stream[] streams, int layer, int frameRate, long nowNanos) {
        if (frameRate == ReceiverConstraints.UNLIMITED || layer < 0 || layer >= streams.length
                || streams[layer] == null) {
            return LayerSelector.ALL_TEMPORAL;
        }
        return streams[layer].meter.temporalFor(frameRate, nowNanos);
    }

    private static List<Layer> layersOf(Endpoint publisher, MediaSource source, boolean screen, int frameRate,
                                        ConferenceAllocation shared, long nowNanos) {
        List<Layer> layers = new ArrayList<>();
        if (!source.isSimulcast()) {
            IncomingStreams.Stream stream = publisher.stream(source.ssrc());
            if (stream != null && stream.meter.active(nowNanos, LAYER_TIMEOUT_NANOS)) {
                int height = stream.meter.height() > 0 ? stream.meter.height()
                        : screen ? SCREEN_NOMINAL_HEIGHT : NOMINAL_HEIGHT[1];
                layers.add(new Layer(0, height, 30, measured(stream, nowNanos, screen ? SCREEN_NOMINAL_BPS : NOMINAL_BPS[1])));
            }
            return layers;
        }
        IncomingStreams.Stream[] streams = publisher.layerStreams(source);
        for (int i = 0; i < streams.length; i++) {
            int nominal = Math.min(i, NOMINAL_BPS.length - 1);
            IncomingStreams.Stream stream = streams[i];
            boolean active = stream != null && stream.meter.active(nowNanos, LAYER_TIMEOUT_NANOS);
            if (active || shared.switchedOff(source.name(), i)) {
                int height = stream != null && stream.meter.height() > 0 ? stream.meter.height() : NOMINAL_HEIGHT[nominal];
                long bitrate = active
                        ? measured(stream, temporalFor(streams, i, frameRate, nowNanos), nowNanos, NOMINAL_BPS[nominal])
                        : NOMINAL_BPS[nominal];
                layers.add(new Layer(i, height, frameRate == ReceiverConstraints.UNLIMITED ? 30 : frameRate, bitrate));
            }
        }
        return layers;
    }

    /** The measured bitrate, or the nominal one while a layer is too new to have a second of history. */
    private static long measured(IncomingStreams.Stream stream, long nowNanos, long nominal) {
        return measured(stream, LayerSelector.ALL_TEMPORAL, nowNanos, nominal);
    }

    /** The same, of the temporal layers up to {@code maxTemporal} (what a receiver at a lower frame rate costs). */
    private static long measured(IncomingStreams.Stream stream, int maxTemporal, long nowNanos, long nominal) {
        long bitrate = stream.meter.bitrateBps(maxTemporal, nowNanos);
        return bitrate > 0 ? bitrate : nominal;
    }
}
