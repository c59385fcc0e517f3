package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.allocation.SourceAllocation;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote clinic 200 ms away (each way, through {@link DelayRelay}: this kernel has no
 * netem): a lecturer sends simulcast, a remote viewer watches it on its stage. Delay is
 * not congestion: the bridge measures the round trip (about 400 ms from the viewer's
 * receiver reports), the estimate does not collapse, and the viewer keeps a layer above
 * the lowest and decodes.
 */
class DelayedPathInNetworkNamespaceTest {

    private static final Duration ONE_WAY = Duration.ofMillis(200);

    private static ExecutorService executor;
    private static Videobridge bridge;
    private static DelayRelay relay;
    private static CallTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        InetAddress address = NetworkNamespace.address();
        // the bridge listens on loopback and advertises the namespace's address, where the relay sits on its port
        bed = new CallTestBed(new BridgeConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(address)), "remote-clinic");
        int port = bed.mediaAddress().getPort();
        relay = new DelayRelay(new InetSocketAddress(address, port), bed.mediaAddress(), ONE_WAY);
        bed.call.add("lecturer", new Chromium());
        bed.call.add("remote", new Chromium());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (bed != null) {
                bed.close();
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    @Test
    void twoHundredMillisecondsEachWayIsNotTakenForCongestion() {
        Participants call = bed.call;
        call.join("lecturer", 1280, 720, 30, true);
        call.join("remote", 320, 240, 15, false);
        call.awaitMediaFlowing("remote", "lecturer");
        Endpoint remote = bed.conference.endpoint("remote").orElseThrow();
        String camera = bed.conference.endpoint("lecturer").orElseThrow().sources().stream()
                .filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow().name();
        remote.setReceiverConstraints(new ReceiverConstraints(-1, 180, List.of(camera), 720, Map.of()));

        Eventually.within(Participants.MEDIA_WAIT, () -> remote.statistics().roundTripMillis() > 350,
                () -> "the bridge does not measure the 400 ms round trip: " + remote.statistics());
        Eventually.within(Duration.ofSeconds(45), () -> {
            SourceAllocation decision = remote.allocation().get(camera);
            return decision != null && decision.isForwarded() && decision.layer() >= 1;
        }, () -> "the delayed viewer is held at the lowest layer or paused: " + remote.allocation()
                + ", estimate " + remote.bandwidthEstimateBps());
        call.awaitMediaFlowing("remote", "lecturer");
        call.awaitMediaFlowing("lecturer", "remote");
        System.out.printf("delayed path: RTT %.0f ms, estimate %d bit/s, %s%n", remote.statistics().roundTripMillis(),
                remote.bandwidthEstimateBps(), remote.allocation().get(camera));
        assertTrue(remote.bandwidthEstimateBps() > 300_000, "estimate " + remote.bandwidthEstimateBps());
        assertEquals(List.of(), call.pageErrors("remote"));
    }
}
