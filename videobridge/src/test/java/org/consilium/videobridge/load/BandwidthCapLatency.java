package org.consilium.videobridge.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.SourceAllocation;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;

/**
 * What a bandwidth drop does to a receiver: P simulcast publishers and R receivers that get
 * all P cameras at up to 720p, each behind its own {@link CappedLink}, with transport-cc
 * negotiated both ways as browsers do. Each receiver's link is capped to {@code capKbps}
 * for {@code cappedMillis}, then open for {@code openMillis}, at its own phase. Timed:
 * <ul>
 * <li>cap → the bridge's budget for the receiver (its estimate, once that went down) below
 *     what it forwards (the estimator's detection: queue delay growing, then drops);</li>
 * <li>budget below → the allocation gives some source a lower layer or pauses it (the
 *     receiver's next tick);</li>
 * <li>per source, from the allocation giving it a lower layer (an estimate falling in
 *     steps lowers sources in steps) → the receiver's bandwidth for it down: the last
 *     packet above the old layer's base frame rate (the bridge thins the current layer at
 *     once while the lower layer's keyframe is on its way), and → the first packet of the
 *     lower layer;</li>
 * <li>cap lifted → every source back at 720p (the estimate climbing).</li>
 * </ul>
 * Timed at the receiver's socket, before its link: when the bridge sent it. The allocation
 * is read as the generator's thread sees it, polled every millisecond.
 */
final class BandwidthCapLatency {

    private static final long WARMUP_NANOS = 5_000_000_000L;
    private static final int TRANSPORT_CC_ID = 5;

    private BandwidthCapLatency() {
    }

    static void run(Videobridge bridge, int receivers, int seconds) throws Exception {
        int publishers = Integer.getInteger("publishers", 4);
        long capBps = Long.getLong("capKbps", 800) * 1000;
        long capped = Long.getLong("cappedMillis", 4000) * 1_000_000L;
        long open = Long.getLong("openMillis", 8000) * 1_000_000L;
        int keyframeEvery = Integer.getInteger("keyframeEvery", 0);
        List<SimulcastCamera.Layer> layers = SimulcastCamera.WEB_CLIENT;
        int top = layers.size() - 1;
        Histogram detect = new Histogram(3_600_000_000_000L, 3);
        Histogram decide = new Histogram(3_600_000_000_000L, 3);
        Histogram down = new Histogram(3_600_000_000_000L, 3);
        Histogram downRate = new Histogram(3_600_000_000_000L, 3);
        Histogram up = new Histogram(3_600_000_000_000L, 3);
        Conference conference = bridge.conference("capped");
        List<LoadParticipant> senders = new ArrayList<>();
        List<LoadParticipant> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < publishers; i++) {
                senders.add(LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "cam-" + i, true, layers,
                        keyframeEvery, new ReceivedLayers(), TRANSPORT_CC_ID, false));
            }
            List<MediaSource> cameras = LoadParticipant.cameras(conference, "cam-", publishers);
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                viewers.add(LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "viewer-" + i, false,
                        List.of(), keyframeEvery, new ReceivedLayers(down, up, downRate), TRANSPORT_CC_ID, true));
                Endpoint viewer = conference.endpoint("viewer-" + i).orElseThrow();
                viewer.setReceiverConstraints(Tiles.atMost(layers.get(top).height()));
                viewer.selectSources(cameras);
                endpoints.add(viewer);
            }
            List<LoadParticipant> everyone = new ArrayList<>(senders);
            everyone.addAll(viewers);
            Random random = new Random(20261206);
            long start = System.nanoTime();
            long measureFrom = start + WARMUP_NANOS;
            long end = measureFrom + seconds * 1_000_000_000L;
            long[] nextToggle = new long[receivers];
            long[] cappedAt = new long[receivers];
            boolean[] isCapped = new boolean[receivers];
            boolean[] detected = new boolean[receivers];
            long[] detectedAt = new long[receivers];
            boolean[] decided = new boolean[receivers];
            int[][] allocated = new int[receivers][cameras.size()];
            for (int i = 0; i < receivers; i++) {
                nextToggle[i] = measureFrom + (long) (random.nextDouble() * (capped + open) / 2);
            }
            int caps = 0;
            int detections = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                for (LoadParticipant participant : everyone) {
                    participant.sendDue(now);
                }
                for (int i = 0; i < receivers; i++) {
                    Endpoint viewer = endpoints.get(i);
                    ReceivedLayers received = viewers.get(i).received();
                    Allocation allocation = viewer.allocation();
                    if (isCapped[i] && !detected[i] && viewer.allocationBudgetBps() < allocation.totalBps()) {
                        detected[i] = true;
                        detectedAt[i] = now;
                        detections++;
                        detect.recordValue(now - cappedAt[i]);
                    }
                    for (int c = 0; c < cameras.size(); c++) {
                        int layer = allocation.layer(cameras.get(c).name());
                        if (layer < allocated[i][c]) { // lowered, or paused (NONE)
                            if (layer != SourceAllocation.NONE) {
                                received.expect(cameras.get(c).ssrc(), layer, now);
                            }
                            if (detected[i] && !decided[i]) {
                                decided[i] = true;
                                decide.recordValue(now - detectedAt[i]);
                            }
                        }
                        allocated[i][c] = layer;
                    }
                    if (now - nextToggle[i] < 0) {
                        continue;
                    }
                    isCapped[i] = !isCapped[i];
                    nextToggle[i] += isCapped[i] ? capped : open;
                    viewers.get(i).link().capacity(isCapped[i] ? capBps : CappedLink.OPEN_BPS);
                    if (isCapped[i]) {
                        caps++;
                        cappedAt[i] = now;
                        detected[i] = false;
                        decided[i] = false;
                    } else {
                        for (MediaSource camera : cameras) {
                            received.expect(camera.ssrc(), top, now);
                        }
                    }
                }
                LockSupport.parkNanos(1_000_000); // pacing the senders, not waiting for a result
            }
            LockSupport.parkNanos(500_000_000L);
            long missed = viewers.stream().mapToLong(v -> v.received().missed()).sum();
            long dropped = viewers.stream().mapToLong(v -> v.link().dropped()).sum();
            System.out.printf(Locale.ROOT, "# %d publishers, %d receivers behind links capped to %d kbit/s for %d ms,"
                            + " open for %d ms; keyframes every %d frames and on request; %d caps, %d detected;"
                            + " %d switches not done before the next change (a source lowered again before); %d datagrams dropped by the links in %d s%n",
                    publishers, receivers, capBps / 1000, capped / 1_000_000, open / 1_000_000, keyframeEvery, caps,
                    detections, missed, dropped, seconds);
            System.out.println("| what | times | p50 ms | p95 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|");
            row("cap → budget (estimate) below what is forwarded", detect);
            row("budget below → the allocation lowers a source", decide);
            row("a source's layer lowered → its bandwidth down (last packet above the old layer's base frame rate)",
                    downRate);
            row("a source's layer lowered → first packet of the lower layer", down);
            row("cap lifted → 720p again", up);
        } finally {
            senders.forEach(LoadParticipant::close);
            viewers.forEach(LoadParticipant::close);
        }
    }

    private static void row(String what, Histogram histogram) {
        synchronized (histogram) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", what,
                    histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                    histogram.getValueAtPercentile(95) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    histogram.getMaxValue() / 1e6);
        }
    }
}
