package org.consilium.videobridge.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulcast camera over a cascade: every layer crosses the relay, so the bridge beyond
 * gives each of its receivers the layer that receiver's tile and path call for, as the
 * camera's own bridge does for its receivers; the keyframes a switch beyond the relay
 * needs are asked of the camera two bridges away. Two real bridges on loopback, the load
 * generator's simulcast participants (no periodic keyframes: every switch waits for one
 * that was asked for).
 */
class CascadedSimulcastTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Two bridges relaying conference {@code id}, the camera on the first. */
    private record Cascade(Conference onA, Endpoint relayA, Conference onB, Endpoint relayB) {
        void exchangeSources() { // what the control plane does across the cluster
            relayB.setSources(onA.sourcesRelayedBy(relayA.id()));
            relayA.setSources(onB.sourcesRelayedBy(relayB.id()));
        }
    }

    @Test
    void receiversBeyondTheRelayEachGetTheLayerTheyNeed() throws Exception {
        try (Videobridge a = Videobridge.start(BridgeConfig.loopback(), executor);
             Videobridge b = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Cascade cascade = relay(a, b, "tumor-board");
            LoadParticipant camera = LoadParticipant.joinSimulcast(a.mediaAddress(), cascade.onA(), "radiologist", true,
                    SimulcastCamera.WEB_CLIENT, 0, new ReceivedLayers());
            LoadParticipant nearby = receiver(a, cascade.onA(), "oncologist");
            LoadParticipant thumbnail = receiver(b, cascade.onB(), "resident");
            LoadParticipant stage = receiver(b, cascade.onB(), "surgeon");
            cascade.exchangeSources();

            MediaSource here = video(cascade.onA().endpoint("radiologist").orElseThrow());
            MediaSource beyond = video(cascade.relayB());
            assertEquals(here.ssrc(), beyond.ssrc(), "receivers on both bridges know the camera by one SSRC");
            assertTrue(beyond.isSimulcast(), "the camera crosses the relay as its layers");
            assertEquals(3, beyond.simulcast().ssrcs().size());
            assertEquals(here.simulcast().relaySsrcs(), beyond.simulcast().ssrcs(),
                    "each layer under the SSRC the camera's bridge chose for relays");

            watch(cascade.onA(), "oncologist", here, 360);
            watch(cascade.onB(), "resident", beyond, 180);
            watch(cascade.onB(), "surgeon", beyond, 720);
            Sending.whileChecking(List.of(camera, nearby, thumbnail, stage), () -> Eventually.until(WAIT,
                    () -> thumbnail.received().layer(here.ssrc()) == 0 && stage.received().layer(here.ssrc()) == 2
                            && nearby.received().layer(here.ssrc()) == 1,
                    "180p and 720p beyond the relay at once, 360p on the camera's bridge"));
        }
    }

    @Test
    void aSwitchBeyondTheRelayAsksTheCameraTwoBridgesAwayForAKeyframe() throws Exception {
        try (Videobridge a = Videobridge.start(BridgeConfig.loopback(), executor);
             Videobridge b = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Cascade cascade = relay(a, b, "grand-rounds");
            // no periodic keyframes and nobody watching on the camera's bridge: a switch
            // beyond the relay completes only on a keyframe asked for across it
            LoadParticipant camera = LoadParticipant.joinSimulcast(a.mediaAddress(), cascade.onA(), "lecturer", true,
                    SimulcastCamera.WEB_CLIENT, 0, new ReceivedLayers());
            LoadParticipant student = receiver(b, cascade.onB(), "student");
            cascade.exchangeSources();
            MediaSource beyond = video(cascade.relayB());
            Endpoint studentEndpoint = watch(cascade.onB(), "student", beyond, 180);
            Sending.whileChecking(List.of(camera, student), () -> {
                Eventually.until(WAIT, () -> student.received().layer(beyond.ssrc()) == 0, "180p beyond the relay");
                studentEndpoint.setReceiverConstraints(Tiles.atMost(720)); // the lecture goes full screen
                Eventually.until(WAIT, () -> student.received().layer(beyond.ssrc()) == 2, "720p beyond the relay");
            });
            assertTrue(camera.keyframeRequestsReceived() >= 1, "the camera was asked across the relay");
            assertTrue(camera.keyframesSent() >= 1, "and its keyframe crossed back");
        }
    }

    private static Cascade relay(Videobridge a, Videobridge b, String id) throws Exception {
        Conference onA = a.conference(id);
        Conference onB = b.conference(id);
        Endpoint relayA = onA.initiateRelay("relay-to-b");
        Endpoint relayB = onB.acceptRelay("relay-from-a", relayA.localTransport().iceUfrag(),
                relayA.localTransport().fingerprint());
        relayA.connectTo(relayB.localTransport());
        Eventually.until(WAIT, () -> relayA.isConnected() && relayB.isConnected(), "the relay is up");
        return new Cascade(onA, relayA, onB, relayB);
    }

    private static LoadParticipant receiver(Videobridge bridge, Conference conference, String id) throws Exception {
        return LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, id, false, List.of(), 0,
                new ReceivedLayers());
    }

    /** The receiver {@code id} shows {@code source} in a tile at most {@code height} pixels high. */
    private static Endpoint watch(Conference conference, String id, MediaSource source, int height) {
        Endpoint endpoint = conference.endpoint(id).orElseThrow();
        endpoint.setReceiverConstraints(Tiles.atMost(height));
        endpoint.selectSources(List.of(source));
        return endpoint;
    }

    private static MediaSource video(Endpoint endpoint) {
        return endpoint.sources().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow();
    }
}
