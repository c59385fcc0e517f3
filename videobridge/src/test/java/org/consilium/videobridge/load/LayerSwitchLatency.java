package org.consilium.videobridge.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;

/**
 * How long a receiver waits for a layer switch: P simulcast publishers, R receivers that
 * get all P cameras, each receiver toggling its height limit
 * ({@link Endpoint#setReceiverConstraints}, a tile height) between the top and the bottom layer every
 * {@code toggleMillis} plus up to 100 ms at random (each at its own phase). Timed per source, from the call to the
 * first packet of the new layer at the receiver's socket: the bridge's next layer choice
 * (every 100 ms), its keyframe request (at most every 300 ms per layer), the publisher's
 * next frame (33 ms at 30 frames/s), then the switch on that keyframe. Publishers answer
 * keyframe requests as libwebrtc does, unless {@code -DanswerKeyframeRequests=false}:
 * then only the periodic keyframes switch ({@code -DkeyframeEvery}, frames).
 */
final class LayerSwitchLatency {

    private static final long WARMUP_NANOS = 3_000_000_000L;

    private LayerSwitchLatency() {
    }

    static void run(Videobridge bridge, int receivers, int seconds) throws Exception {
        int publishers = Integer.getInteger("publishers", 4);
        long toggle = Long.getLong("toggleMillis", 1500) * 1_000_000L;
        int keyframeEvery = Integer.getInteger("keyframeEvery", 60);
        boolean answer = Boolean.parseBoolean(System.getProperty("answerKeyframeRequests", "true"));
        List<SimulcastCamera.Layer> layers = SimulcastCamera.WEB_CLIENT;
        int top = layers.size() - 1;
        Histogram down = new Histogram(3_600_000_000_000L, 3);
        Histogram up = new Histogram(3_600_000_000_000L, 3);
        Histogram downRate = new Histogram(3_600_000_000_000L, 3);
        Conference conference = bridge.conference("switch");
        List<LoadParticipant> senders = new ArrayList<>();
        List<LoadParticipant> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < publishers; i++) {
                LoadParticipant publisher = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "cam-" + i,
                        true, layers, keyframeEvery, new ReceivedLayers());
                if (!answer) {
                    publisher.ignoreKeyframeRequests();
                }
                senders.add(publisher);
            }
            List<MediaSource> cameras = LoadParticipant.cameras(conference, "cam-", publishers);
            for (int i = 0; i < receivers; i++) {
                viewers.add(LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "viewer-" + i, false,
                        List.of(), keyframeEvery, new ReceivedLayers(down, up, downRate)));
                Endpoint viewer = conference.endpoint("viewer-" + i).orElseThrow();
                viewer.setReceiverConstraints(Tiles.atMost(layers.get(top).height()));
                viewer.selectSources(cameras);
            }
            List<LoadParticipant> everyone = new ArrayList<>(senders);
            everyone.addAll(viewers);
            Random random = new Random(20261206);
            long start = System.nanoTime();
            long measureFrom = start + WARMUP_NANOS;
            long end = measureFrom + seconds * 1_000_000_000L;
            long[] nextToggle = new long[receivers];
            boolean[] low = new boolean[receivers];
            for (int i = 0; i < receivers; i++) {
                nextToggle[i] = measureFrom + (long) (random.nextDouble() * toggle);
            }
            long timed = 0;
            long requestsBefore = 0;
            long keyframesBefore = 0;
            boolean measuring = false;
            long now;
            while ((now = System.nanoTime()) < end) {
                for (LoadParticipant participant : everyone) {
                    participant.sendDue(now);
                }
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    requestsBefore = senders.stream().mapToLong(LoadParticipant::keyframeRequestsReceived).sum();
                    keyframesBefore = senders.stream().mapToLong(LoadParticipant::keyframesSent).sum();
                }
                for (int i = 0; i < receivers; i++) {
                    if (now - nextToggle[i] < 0) {
                        continue;
                    }
                    // a random extra up to one layer-choice tick, so that toggles fall anywhere in the
                    // bridge's 100-ms tick (a fixed interval of whole ticks would repeat each receiver's phase)
                    nextToggle[i] += toggle + (long) (random.nextDouble() * 100_000_000L);
                    low[i] = !low[i];
                    int layer = low[i] ? 0 : top;
                    conference.endpoint("viewer-" + i).orElseThrow().setReceiverConstraints(Tiles.atMost(layers.get(layer).height()));
                    for (MediaSource camera : cameras) {
                        if (viewers.get(i).received().expect(camera.ssrc(), layer, now)) {
                            timed++;
                        }
                    }
                }
                LockSupport.parkNanos(1_000_000); // pacing the senders, not waiting for a result
            }
            LockSupport.parkNanos(500_000_000L); // the last switches' packets arrive
            long missed = viewers.stream().mapToLong(v -> v.received().missed()).sum();
            long requests = senders.stream().mapToLong(LoadParticipant::keyframeRequestsReceived).sum() - requestsBefore;
            long keyframes = senders.stream().mapToLong(LoadParticipant::keyframesSent).sum() - keyframesBefore;
            System.out.printf(Locale.ROOT, "# %d publishers, %d receivers, toggle every %d ms, keyframes every %d frames%s;"
                            + " %d switches asked, %d not done before the next toggle; publishers got %d keyframe requests"
                            + " and sent %d keyframes (all layers) in %d s%n",
                    publishers, receivers, toggle / 1_000_000, keyframeEvery,
                    answer ? " and on request" : " only", timed, missed, requests, keyframes, seconds);
            System.out.println("| switch | keyframes | switches timed | p50 ms | p95 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            String keyframeSource = answer ? "on request" : "every " + keyframeEvery + " frames";
            row("down (720p to 180p): bandwidth down (last packet above 720p's base frame rate)", keyframeSource, downRate);
            row("down (720p to 180p): first packet of 180p", keyframeSource, down);
            row("up (180p to 720p)", keyframeSource, up);
        } finally {
            senders.forEach(LoadParticipant::close);
            viewers.forEach(LoadParticipant::close);
        }
    }

    private static void row(String what, String keyframes, Histogram histogram) {
        synchronized (histogram) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.0f | %.0f |%n", what, keyframes,
                    histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                    histogram.getValueAtPercentile(95) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    histogram.getMaxValue() / 1e6);
        }
    }
}
