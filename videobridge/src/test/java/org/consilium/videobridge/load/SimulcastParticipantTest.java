package org.consilium.videobridge.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
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
}
