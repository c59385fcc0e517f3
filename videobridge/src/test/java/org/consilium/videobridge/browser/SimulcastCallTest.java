package org.consilium.videobridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.consilium.videobridge.BridgeConfig;
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
 * Chromium publishes its camera as three simulcast layers (RIDs, no SSRCs in its SDP); the
 * bridge learns them from their first packets and gives each receiver one of them. A
 * receiver whose tiles are 180 lines is switched down to the lowest layer and back up when
 * they grow, and its decoder never notices: frames keep coming, no packet is seen as lost
 * (the sequence numbers stay contiguous across switches), no errors. Beyond its last-N the
 * camera is paused for it while audio goes on, and comes back when last-N is lifted.
 */
class SimulcastCallTest {

    private static CallTestBed bed;
    private static Conference conference;
    private static Participants call;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        bed = new CallTestBed(BridgeConfig.loopback(), "grand-rounds");
        conference = bed.conference;
        call = bed.call;
        call.add("lecturer", new Chromium());
        call.add("resident", new Chromium());
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void receiverIsSwitchedBetweenLayersOnKeyframesWithoutAGap() {
        call.join("lecturer", 1280, 720, 30, true);
        call.join("resident", 320, 240, 15, false);
        call.awaitMediaFlowing("resident", "lecturer");
        MediaSource camera = conference.endpoint("lecturer").orElseThrow().sources().stream()
                .filter(s -> s.kind() == MediaSource.Kind.VIDEO).findFirst().orElseThrow();
        assertTrue(camera.isSimulcast(), "the lecturer's camera is declared as simulcast: " + camera);
        assertEquals(List.of("l", "m", "h"), camera.simulcast().rids());

        // Headless Chromium on two cores may not keep its 720p layer up: whatever tallest
        // layer it sends, the receiver gets more than the lowest one's 180 lines by default.
        Eventually.within(Participants.MEDIA_WAIT, () -> height() > 180,
                () -> "the resident never got a layer above 180 lines: " + from());

        System.out.println("simulcast: default layer " + height() + " lines: " + from());
        resident().setReceiverConstraints(tiles(-1, 180));
        Eventually.within(Participants.MEDIA_WAIT, () -> height() > 0 && height() <= 180 && framesRising(),
                () -> "the resident was not switched down to the 180-line layer: " + from());

        System.out.println("simulcast: limited to " + height() + " lines: " + from());
        resident().setReceiverConstraints(tiles(-1, 720));
        Eventually.within(Participants.MEDIA_WAIT, () -> height() > 180 && framesRising(),
                () -> "the resident was not switched back up: " + from());

        System.out.println("simulcast: back up at " + height() + " lines: " + from());

        // last-N 0: the camera is paused for the resident (the allocation says why), audio goes on
        resident().setReceiverConstraints(tiles(0, 720));
        String name = camera.name();
        Eventually.within(Participants.MEDIA_WAIT,
                () -> resident().allocation().get(name) != null
                        && resident().allocation().get(name).reason() == SourceAllocation.Reason.LAST_N,
                () -> "the allocation does not pause the camera beyond last-N: " + resident().allocation());
        long frozenAt = frames();
        Eventually.within(Participants.MEDIA_WAIT, () -> {
            long before = frames();
            long samples = samples();
            sleepABit();
            return frames() == before && samples() > samples;
        }, () -> "video should stop and audio go on beyond last-N: " + from());
        resident().setReceiverConstraints(tiles(-1, 720));
        Eventually.within(Participants.MEDIA_WAIT, () -> frames() > frozenAt + 10,
                () -> "video did not come back after last-N was lifted: " + from());

        Map<String, Object> seen = from();
        assertTrue(Participants.number(seen.get("lost")) <= 2,
                "switches and pauses must not show the receiver a sequence gap: " + seen);
        assertEquals(List.of(), call.pageErrors("resident"));
        assertEquals(List.of(), call.pageErrors("lecturer"));
    }

    private static Endpoint resident() {
        return conference.endpoint("resident").orElseThrow();
    }

    private static ReceiverConstraints tiles(int lastN, int height) {
        return new ReceiverConstraints(lastN, height, List.of(), 720, Map.of());
    }

    private static long frames() {
        return (long) Participants.number(from().get("frames"));
    }

    private static long samples() {
        return (long) Participants.number(from().get("samples"));
    }

    /** Lets a frame interval pass between two readings of the receiver's counters (not a synchronisation). */
    private static void sleepABit() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int height() {
        return (int) Participants.number(call.browser("resident").run(
                "const r = await window.call.stats(); const p = r.publishers['lecturer'];"
                        + " if (!p) return 0; const s = await window.call.pc.getStats(); let h = 0;"
                        + " s.forEach((x) => { if (x.type === 'inbound-rtp' && x.kind === 'video' && x.frameHeight) h = x.frameHeight; });"
                        + " return h;", List.of()));
    }

    private static long lastFrames;

    private static boolean framesRising() {
        long frames = (long) Participants.number(from().get("frames"));
        boolean rising = frames > lastFrames;
        lastFrames = frames;
        return rising;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> from() {
        Object seen = call.publishers("resident").get("lecturer");
        return seen == null ? Map.of() : (Map<String, Object>) seen;
    }
}
