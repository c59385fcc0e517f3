package org.consilium.videobridge.conference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.DominantSpeaker;
import org.consilium.videobridge.allocation.DynacastDemand;

/**
 * What a conference's receivers get, taken together: who speaks (from the audio levels
 * publishers send), every receiver's latest allocation, and from those the layers no
 * receiver needs, which their publishers are told to stop encoding ("dynacast": an
 * unwatched 720p layer costs no uplink). Fed and run on the receive thread; listeners are
 * called on the executor, never on that thread.
 */
final class ConferenceAllocation {

    private static final Logger LOG = Logger.getLogger(ConferenceAllocation.class.getName());
    static final long DYNACAST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Conference conference;
    private final Executor executor;
    private final DominantSpeaker speakers = new DominantSpeaker();
    private final DynacastDemand dynacast = new DynacastDemand();
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();
    /** Bumped when the speaker ranking changes: receivers allocate again. */
    private volatile long speakerVersion;
    private long lastDynacastNanos;

    ConferenceAllocation(Conference conference, Executor executor) {
        this.conference = conference;
        this.executor = executor;
    }

    /** An audio packet's level (RFC 6464, 0 loudest .. 127 silent) from {@code endpointId}. */
    void level(String endpointId, int level, long nowNanos) {
        if (speakers.level(endpointId, level, nowNanos)) {
            speakerVersion++;
        }
    }

    long speakerVersion() {
        return speakerVersion;
    }

    List<String> speakerRanking() {
        return speakers.ranking();
    }

    String dominantSpeaker() {
        return speakers.dominant();
    }

    boolean switchedOff(String source, int layer) {
        return dynacast.switchedOff(source, layer);
    }

    /** A receiver's new allocation; its page is told (the caller coalesces). */
    void allocated(String receiverId, Allocation allocation, boolean tellPage) {
        allocations.put(receiverId, allocation);
        if (tellPage) {
            notify(listener -> listener.allocationChanged(conference, receiverId, allocation));
        }
    }

    void left(String endpointId) {
        allocations.remove(endpointId);
        if (speakers.remove(endpointId)) {
            speakerVersion++;
        }
    }

    /** At most every 250 ms: tell publishers which layers anyone needs (switch-ons at once, offs after 5 s). */
    void dynacast(long nowNanos) {
        if (nowNanos - lastDynacastNanos < DYNACAST_INTERVAL_NANOS) {
            return;
        }
        lastDynacastNanos = nowNanos;
        Map<String, List<Integer>> published = new HashMap<>();
        Map<String, MediaSource> byName = new HashMap<>();
        Map<String, Endpoint> publishers = new HashMap<>();
        for (Endpoint publisher : conference.endpoints()) {
            if (publisher.isRelay()) {
                continue; // its layers are the other bridge's publishers', which that bridge's dynacast keeps on
            }
            for (MediaSource source : publisher.sources()) {
                if (source.isSimulcast()) {
                    List<Integer> layers = new ArrayList<>();
                    for (int i = 0; i < source.simulcast().rids().size(); i++) {
                        layers.add(i);
                    }
                    published.put(source.name(), layers);
                    byName.put(source.name(), source);
                    publishers.put(source.name(), publisher);
                }
            }
        }
        Map<String, List<Integer>> forwarding = new HashMap<>();
        for (Endpoint receiver : conference.endpoints()) {
            receiver.forwardedLayers(forwarding);
        }
        for (DynacastDemand.LayerSwitch change : dynacast.update(published, allocations.values(), forwarding, nowNanos)) {
            MediaSource source = byName.get(change.source());
            Endpoint publisher = publishers.get(change.source());
            Map<String, Boolean> active = new java.util.LinkedHashMap<>();
            change.active().forEach((index, on) -> active.put(source.simulcast().rids().get(index), on));
            notify(listener -> listener.layersNeeded(conference, publisher.id(), source.simulcast().mid(), active));
        }
    }

    private void notify(java.util.function.Consumer<ConferenceListener> call) {
        try {
            executor.execute(() -> conference.listeners().forEach(listener -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "a conference listener failed", failed);
                }
            }));
        } catch (RuntimeException refused) { // the executor is shutting down with the bridge
            LOG.log(Level.FINE, "allocation news not delivered", refused);
        }
    }
}
