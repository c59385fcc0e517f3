package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.EndpointStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three headless Chromium participants in one conference through the bridge: each decodes
 * the other two's video and receives their audio; one leaves and its streams end for the
 * others; it rejoins and is seen again.
 */
class BrowserCallTest {

    private static final Duration MEDIA_WAIT = Duration.ofSeconds(45);
    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");

    private static ExecutorService executor;
    private static Videobridge bridge;
    private static Conference conference;
    private static TestSignaling signaling;
    private static final Map<String, Chromium> browsers = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        executor = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), executor);
        conference = bridge.conference("tumor-board");
        signaling = new TestSignaling(conference);
        for (String person : PEOPLE) {
            Chromium browser = new Chromium();
            browsers.put(person, browser);
            browser.open(signaling.page(person));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        browsers.values().forEach(Chromium::close);
        if (signaling != null) {
            signaling.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void threeParticipantsSeeAndHearEachOtherLeaveAndRejoin() {
        for (String person : PEOPLE) {
            join(person);
        }
        for (String person : PEOPLE) {
            for (String other : PEOPLE) {
                if (!other.equals(person)) {
                    awaitMediaFlowing(person, other);
                }
            }
        }

        leave("bob");
        for (String person : List.of("alice", "carol")) {
            Eventually.within(MEDIA_WAIT, () -> !publishers(person).containsKey("bob"),
                    () -> person + " still receives from bob after he left: " + browsers.get(person).stats());
        }
        awaitMediaFlowing("alice", "carol");

        join("bob");
        for (String person : PEOPLE) {
            for (String other : PEOPLE) {
                if (!other.equals(person)) {
                    awaitMediaFlowing(person, other);
                }
            }
        }
        for (String person : PEOPLE) {
            Map<String, Object> stats = browsers.get(person).stats();
            assertEquals(List.of(), stats.get("errors"), person + "'s page reported errors");
        }
    }

    @Test
    void bridgeMeasuresRoundTripAndPublishersBandwidthRampsUp() {
        for (String person : PEOPLE) {
            join(person);
        }
        awaitMediaFlowing("alice", "bob");
        // Chromium starts its estimate at 300 kbit/s; only transport-cc feedback from the bridge can raise it
        // (it sends no REMB-capable receiver for the bridge to lean on).
        Eventually.within(MEDIA_WAIT, () -> number(browsers.get("alice").stats().get("outgoingBitrate")) > 600_000,
                () -> "alice's available outgoing bitrate stayed at " + browsers.get("alice").stats().get("outgoingBitrate"));
        Eventually.within(MEDIA_WAIT, () -> conference.endpoint("alice").map(e -> !Double.isNaN(e.statistics().roundTripMillis())).orElse(false),
                () -> "no round-trip time for alice: " + conference.endpoint("alice").map(e -> e.statistics()).orElse(null));
        EndpointStatistics alice = conference.endpoint("alice").orElseThrow().statistics();
        assertTrue(alice.roundTripMillis() >= 0 && alice.roundTripMillis() < 1000, "RTT on loopback " + alice.roundTripMillis());
        assertTrue(alice.packetsReceived() > 0 && alice.packetsSent() > 0, alice.toString());
    }

    /** Alice sends VGA at 30 fps (an encoder that wants more than the 300 kbit/s start estimate); the others QVGA at 15. */
    private static void join(String person) {
        Map<String, Object> video = person.equals("alice") ? Map.of("width", 640, "height", 480, "frameRate", 30)
                : Map.of("width", 320, "height", 240, "frameRate", 15);
        Object result = browsers.get(person).await("await window.call.join(arguments[0], arguments[1]); return 'joined';",
                person, video);
        assertEquals("joined", result, person + " could not join: " + result);
    }

    private static void leave(String person) {
        browsers.get(person).await("await window.call.leave(); return 'left';");
    }

    /** Frames decoded and audio samples received from {@code publisher} both keep rising at {@code receiver}. */
    private static void awaitMediaFlowing(String receiver, String publisher) {
        Eventually.within(MEDIA_WAIT, () -> frames(receiver, publisher) > 10 && samples(receiver, publisher) > 0,
                () -> receiver + " does not decode " + publisher + ": " + browsers.get(receiver).stats()
                        + " bridge: " + bridgeStatistics());
        double frames = frames(receiver, publisher);
        double samples = samples(receiver, publisher);
        Eventually.within(MEDIA_WAIT, () -> frames(receiver, publisher) > frames + 10 && samples(receiver, publisher) > samples,
                () -> receiver + "'s frames from " + publisher + " stopped rising: " + browsers.get(receiver).stats());
    }

    private static double frames(String receiver, String publisher) {
        return figure(receiver, publisher, "frames");
    }

    private static double samples(String receiver, String publisher) {
        return figure(receiver, publisher, "samples");
    }

    @SuppressWarnings("unchecked")
    private static double figure(String receiver, String publisher, String name) {
        Map<String, Object> from = (Map<String, Object>) publishers(receiver).get(publisher);
        return from == null ? 0 : number(from.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> publishers(String receiver) {
        return (Map<String, Object>) browsers.get(receiver).stats().get("publishers");
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private static String bridgeStatistics() {
        return conference.endpoints().stream().map(e -> e.statistics().toString()).toList().toString();
    }
}
