package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.consilium.videobridge.BridgeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Firefox ESR and Chromium in one call. They number payload types and header extensions
 * differently and Firefox sends a large, fragmented DTLS ClientHello: each must still
 * decode the other's video and receive its audio through the bridge. Runs in its own
 * network namespace (see src/test/netns), where the bridge listens on 10.213.0.1.
 */
class FirefoxAndChromiumInNetworkNamespaceTest {

    private static CallTestBed bed;
    private static Participants call;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        Firefox.assumeInstalled();
        InetAddress address = NetworkNamespace.address();
        bed = new CallTestBed(new BridgeConfig(new InetSocketAddress(address, 0), List.of(address)), "consult");
        call = bed.call;
        call.add("firefox", new Firefox());
        call.add("chromium", new Chromium());
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void firefoxAndChromiumSeeAndHearEachOther() {
        call.join("firefox", 320, 240, 15);
        call.join("chromium", 320, 240, 15);
        call.awaitEveryoneSeesEveryone();
        assertEquals(List.of(), call.pageErrors("firefox"));
        assertEquals(List.of(), call.pageErrors("chromium"));
    }

    /**
     * Both publish their camera in three simulcast layers (Firefox lists its layers' SSRCs
     * in its offer, Chromium does not; the bridge learns both from the RIDs), each decodes
     * the other, and a receiver limited to the lowest layer still decodes it.
     */
    @Test
    void firefoxAndChromiumPublishSimulcastAndEachDecodesTheOther() {
        call.leave("firefox");
        call.leave("chromium");
        call.join("firefox", 640, 480, 30, true);
        call.join("chromium", 640, 480, 30, true);
        call.awaitEveryoneSeesEveryone();
        for (String publisher : List.of("firefox", "chromium")) {
            org.consilium.videobridge.conference.MediaSource camera = bed.conference.endpoint(publisher).orElseThrow()
                    .sources().stream().filter(s -> s.kind() == org.consilium.videobridge.conference.MediaSource.Kind.VIDEO)
                    .findFirst().orElseThrow();
            org.junit.jupiter.api.Assertions.assertTrue(camera.isSimulcast(), publisher + ": " + camera);
        }
        var smallTiles = new org.consilium.videobridge.allocation.ReceiverConstraints(-1, 120, List.of(), 720,
                java.util.Map.of());
        bed.conference.endpoint("firefox").orElseThrow().setReceiverConstraints(smallTiles);
        bed.conference.endpoint("chromium").orElseThrow().setReceiverConstraints(smallTiles);
        call.awaitEveryoneSeesEveryone();
        assertEquals(List.of(), call.pageErrors("firefox"));
        assertEquals(List.of(), call.pageErrors("chromium"));
    }
}
