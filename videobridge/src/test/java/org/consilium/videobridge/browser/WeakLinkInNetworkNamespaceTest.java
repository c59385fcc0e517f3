package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.allocation.SourceAllocation;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bedside cart on a weak Wi-Fi watches a lecturer who sends simulcast: the cart's Chromium
 * sits in a network namespace of its own behind a veth whose far end is held to a rate with
 * tbf (the bridge's sends to it queue and drop, as on a weak link). At 300 kbit/s the
 * bridge's estimate for the cart falls and it is given the lowest layer (180 lines), decoded
 * without a break; at 100 kbit/s video is paused and audio goes on ("audio first"); with the
 * limit lifted, video comes back by itself. With 5 % of its datagrams lost the cart still
 * decodes. The times from each change to the bridge's new decision are printed.
 */
class WeakLinkInNetworkNamespaceTest {

    private static final Duration SETTLE = Duration.ofSeconds(45);

    private static CallTestBed bed;
    private static Conference conference;
    private static Participants call;
    private static ChromiumBehindLink cart;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        bed = CallTestBed.inNamespace("icu-consult");
        conference = bed.conference;
        call = bed.call;
        TestSignaling signaling = bed.signaling;
        call.add("lecturer", new Chromium());
        cart = new ChromiumBehindLink(8, 9516, signaling.origin("10.214.8.1"));
        call.add("cart", cart, signaling.page("cart", "10.214.8.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cart != null) {
                cart.clearImpairments();
            }
        } finally {
            if (bed != null) {
                bed.close();
            }
        }
    }


    @Test
    void aWeakLinkGetsTheLowLayerThenAudioOnlyAndVideoComesBack() throws Exception {
        call.join("lecturer", 1280, 720, 30, true);
        call.join("cart", 320, 240, 15, false);
        call.awaitMediaFlowing("cart", "lecturer");
        Endpoint receiver = conference.endpoint("cart").orElseThrow();
        String camera = conference.endpoint("lecturer").orElseThrow().sources().stream()
                .filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow().name();
        // the lecturer on the cart's stage: without a limit it gets the tallest layer that comes
        receiver.setReceiverConstraints(new ReceiverConstraints(-1, 180, List.of(camera), 720, Map.of()));
        Eventually.within(SETTLE, () -> layer(receiver, camera) >= 1,
                () -> "no layer above the lowest on an open link: " + receiver.allocation() + " " + from());

        cart.limitDownlink(300);
        long limited = System.nanoTime();
        Eventually.within(SETTLE, () -> layer(receiver, camera) == 0,
                () -> "not down to the lowest layer at 300 kbit/s: " + receiver.allocation()
                        + ", estimate " + receiver.bandwidthEstimateBps());
        System.out.printf("weak link: 300 kbit/s -> lowest layer after %d ms (estimate %d bit/s)%n",
                (System.nanoTime() - limited) / 1_000_000, receiver.bandwidthEstimateBps());
        awaitFramesRising("the lowest layer is decoded on the weak link");

        cart.limitDownlink(100);
        long audioOnly = System.nanoTime();
        Eventually.within(SETTLE, () -> reason(receiver, camera) == SourceAllocation.Reason.BANDWIDTH,
                () -> "video not paused at 100 kbit/s: " + receiver.allocation()
                        + ", estimate " + receiver.bandwidthEstimateBps());
        System.out.printf("weak link: 100 kbit/s -> audio only after %d ms (estimate %d bit/s)%n",
                (System.nanoTime() - audioOnly) / 1_000_000, receiver.bandwidthEstimateBps());
        double samples = number("samples");
        Eventually.within(SETTLE, () -> number("samples") > samples + 48_000,
                () -> "audio must keep flowing while video is paused: " + from());

        cart.clearImpairments();
        long lifted = System.nanoTime();
        Eventually.within(Duration.ofSeconds(60), () -> reason(receiver, camera) == SourceAllocation.Reason.FORWARDED,
                () -> "video did not come back after the limit was lifted: " + receiver.allocation()
                        + ", estimate " + receiver.bandwidthEstimateBps());
        System.out.printf("weak link: lifted -> video again after %d ms (estimate %d bit/s)%n",
                (System.nanoTime() - lifted) / 1_000_000, receiver.bandwidthEstimateBps());
        awaitFramesRising("video is decoded again after the limit was lifted");

        cart.loseIncoming(5);
        try {
            awaitFramesRising("5 % loss: repaired by NACK/RTX and keyframes, still decoded");
        } finally {
            cart.clearImpairments();
        }
        assertEquals(List.of(), call.pageErrors("lecturer"));
        assertTrue(Participants.number(from().get("frames")) > 0);
    }

    private static void awaitFramesRising(String what) {
        double before = number("frames");
        Eventually.within(SETTLE, () -> number("frames") > before + 30, () -> what + ": " + from());
    }

    private static int layer(Endpoint receiver, String source) {
        SourceAllocation decision = receiver.allocation().get(source);
        return decision == null ? SourceAllocation.NONE : decision.layer();
    }

    private static SourceAllocation.Reason reason(Endpoint receiver, String source) {
        SourceAllocation decision = receiver.allocation().get(source);
        return decision == null ? null : decision.reason();
    }

    private static double number(String field) {
        return Participants.number(from().get(field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> from() {
        Object seen = call.publishers("cart").get("lecturer");
        return seen == null ? Map.of() : (Map<String, Object>) seen;
    }
}
