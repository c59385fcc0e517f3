package org.consilium.videobridge.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's simulcast participants drive a real bridge as browsers do: the
 * bridge learns the camera's layers from its offer, asks it for keyframes, and switches a
 * receiver between layers when its height limit changes; the receiver tells which layer
 * it gets. The benchmarks' figures rest on this.
 */
class SimulcastParticipantTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aReceiversHeightLimitPicksTheLayerItGetsAndKeyframeRequestsAreAnswered() throws Exception {
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Conference conference = bridge.conference("board");
            // no periodic keyframes: every switch waits for a keyframe the bridge asked for
            LoadParticipant publisher = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "camera", true,
                    SimulcastCamera.WEB_CLIENT, 0, new ReceivedLayers());
            LoadParticipant viewer = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "viewer", false,
                    List.of(), 0, new ReceivedLayers());
            MediaSource camera = conference.endpoint("camera").orElseThrow().sources().stream()
                    .filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow();
            assertTrue(camera.isSimulcast());
            Endpoint viewing = conference.endpoint("viewer").orElseThrow();
            viewing.setReceiverConstraints(Tiles.atMost(180));
            viewing.selectSources(List.of(camera));
            Thread sender = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        long now = System.nanoTime();
                        publisher.sendDue(now);
                        viewer.sendDue(now);
                        LockSupport.parkNanos(1_000_000);
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "simulcast-sender");
            sender.start();
            try {
                Eventually.until(Duration.ofSeconds(10), () -> viewer.received().layer(camera.ssrc()) == 0,
                        "the 180p layer at the viewer");
                viewing.setReceiverConstraints(Tiles.atMost(720));
                Eventually.until(Duration.ofSeconds(10), () -> viewer.received().layer(camera.ssrc()) == 2,
                        "the 720p layer at the viewer");
                viewing.setReceiverConstraints(Tiles.atMost(360));
                Eventually.until(Duration.ofSeconds(10), () -> viewer.received().layer(camera.ssrc()) == 1,
                        "the 360p layer at the viewer");
            } finally {
                sender.interrupt();
                sender.join();
                publisher.close();
                viewer.close();
            }
            assertTrue(publisher.keyframeRequestsReceived() >= 2, "the bridge asked for the keyframes it switched on");
            assertTrue(publisher.keyframesSent() >= 2, "only answered requests made keyframes");
        }
    }

    @Test
    void aStageFrameRateLeavesOutTheTopTemporalLayerOfTheStageOnly() throws Exception {
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Conference conference = bridge.conference("board");
            LoadParticipant publisher = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "speaker", true,
                    SimulcastCamera.WEB_CLIENT, 60, new ReceivedLayers());
            LoadParticipant crowd = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "in-a-crowd", false,
                    List.of(), 60, new ReceivedLayers());
            LoadParticipant visit = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "in-a-visit", false,
                    List.of(), 60, new ReceivedLayers());
            MediaSource camera = conference.endpoint("speaker").orElseThrow().sources().stream()
                    .filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow();
            // both show the speaker on a 720p stage; the board's page asks it at 15 frames/s, the visit's says nothing
            Endpoint inCrowd = conference.endpoint("in-a-crowd").orElseThrow();
            inCrowd.setReceiverConstraints(new ReceiverConstraints(16, 180, List.of(camera.name()), 720, Map.of(), 8, 15));
            inCrowd.selectSources(List.of(camera));
            Endpoint inVisit = conference.endpoint("in-a-visit").orElseThrow();
            inVisit.setReceiverConstraints(new ReceiverConstraints(4, 180, List.of(camera.name()), 720, Map.of()));
            inVisit.selectSources(List.of(camera));
            Thread sender = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        long now = System.nanoTime();
                        publisher.sendDue(now);
                        crowd.sendDue(now);
                        visit.sendDue(now);
                        LockSupport.parkNanos(1_000_000);
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "simulcast-sender");
            sender.start();
            try {
                int ssrc = camera.ssrc();
                Eventually.until(Duration.ofSeconds(10), () -> crowd.received().layer(ssrc) == 2
                        && visit.received().layer(ssrc) == 2, "the 720p layer at both");
                // At 30 frames/s every other frame is of the top temporal layer (the longest run without
                // one is a keyframe, about 30 packets of 720p): 150 packets in a row without one is about a
                // second of 720p at 15 frames/s. Then another 150 without, while the visit gets the top layer.
                Eventually.until(Duration.ofSeconds(10), () -> crowd.received().packetsSinceTopTemporal(ssrc) >= 150
                        && crowd.received().layer(ssrc) == 2, "the crowd's stage at 15 frames/s");
                int run = crowd.received().packetsSinceTopTemporal(ssrc);
                long visitBefore = visit.received().topTemporalPackets(ssrc);
                Eventually.until(Duration.ofSeconds(10), () -> crowd.received().packetsSinceTopTemporal(ssrc) >= run + 150,
                        "the crowd's stage still at 15 frames/s (a packet of the top temporal layer ends the wait)");
                long visitGot = visit.received().topTemporalPackets(ssrc) - visitBefore;
                assertTrue(visitGot >= 30, "the visit's stage at 30 frames/s meanwhile: " + visitGot
                        + " packets of the top temporal layer");
            } finally {
                sender.interrupt();
                sender.join();
                publisher.close();
                crowd.close();
                visit.close();
            }
        }
    }
}
