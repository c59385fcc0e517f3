package org.consilium.videobridge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consilium.videobridge.allocation.SourceAllocation.Reason;
import org.junit.jupiter.api.Test;

/** Order, last-N, lowest layers first, stage before tiles, the budget, audio first and hysteresis. */
class BandwidthAllocatorTest {

    private static final long L = 150_000;
    private static final long M = 500_000;
    private static final long H = 1_500_000;
    private static final long SCREEN = 1_200_000;
    private static final long UNLIMITED_ESTIMATE = Long.MAX_VALUE;

    /** A camera of endpoint {@code owner} in the three layers of the web client. */
    static VideoSource camera(String owner) {
        return new VideoSource(owner + "/camera", owner, VideoSource.Kind.CAMERA, List.of(
                new Layer(0, 180, 30, L), new Layer(1, 360, 30, M), new Layer(2, 720, 30, H)));
    }

    static VideoSource screen(String owner) {
        return new VideoSource(owner + "/screen", owner, VideoSource.Kind.SCREEN, List.of(
                new Layer(0, 1080, 5, SCREEN)));
    }

    private static ReceiverConstraints tiles(int lastN, int tileHeight) {
        return new ReceiverConstraints(lastN, tileHeight, List.of(), 720, Map.of());
    }

    private static ReceiverConstraints stage(int lastN, int tileHeight, String... onStage) {
        return new ReceiverConstraints(lastN, tileHeight, List.of(onStage), 720, Map.of());
    }

    private static List<VideoSource> cameras(String... owners) {
        List<VideoSource> sources = new ArrayList<>();
        for (String owner : owners) {
            sources.add(camera(owner));
        }
        return sources;
    }

    private static Allocation allocate(List<VideoSource> sources, ReceiverConstraints constraints,
                                       List<String> ranking, long estimate) {
        return BandwidthAllocator.allocate(sources, constraints, ranking, estimate, Allocation.EMPTY);
    }

    /** "name:layer" for forwarded sources, "name:REASON" for the others, in the allocation's order. */
    private static List<String> summary(Allocation allocation) {
        List<String> summary = new ArrayList<>();
        for (SourceAllocation source : allocation.sources().values()) {
            summary.add(source.source() + ":" + (source.isForwarded() ? source.layer() : source.reason()));
        }
        return summary;
    }

    @Test
    void lastNTakesTheStageThenTheRecentSpeakersThenTheRestInTheirGivenOrder() {
        List<VideoSource> sources = cameras("e1", "e2", "e3", "e4", "e5", "e6");

        Allocation allocation = allocate(sources, stage(4, 180, "e6/camera"), List.of("e5", "e3"), UNLIMITED_ESTIMATE);

        assertEquals(List.of("e6/camera:2", "e5/camera:0", "e3/camera:0", "e1/camera:0",
                "e2/camera:LAST_N", "e4/camera:LAST_N"), summary(allocation));
    }

    @Test
    void lastNZeroForwardsNoVideoAndUnlimitedForwardsAll() {
        List<VideoSource> sources = cameras("e1", "e2", "e3");
        assertEquals(List.of("e1/camera:LAST_N", "e2/camera:LAST_N", "e3/camera:LAST_N"),
                summary(allocate(sources, tiles(0, 180), List.of(), UNLIMITED_ESTIMATE)));
        assertEquals(0, allocate(sources, tiles(0, 180), List.of(), UNLIMITED_ESTIMATE).totalBps());
        assertEquals(3, allocate(sources, tiles(-1, 180), List.of(), UNLIMITED_ESTIMATE).sources().values().stream()
                .filter(SourceAllocation::isForwarded).count());
    }

    @Test
    void everyShownSourceGetsItsLowestLayerBeforeAnyGetsAHigherOne() {
        List<VideoSource> sources = cameras("e1", "e2", "e3", "e4", "e5");
        // Five lowest layers (750 kbit/s) and 100 kbit/s more: not enough to raise the stage to 360p.
        long estimate = 5 * L + 100_000;

        Allocation allocation = allocate(sources, stage(-1, 720, "e1/camera"), List.of(), estimate);

        assertEquals(List.of("e1/camera:0", "e2/camera:0", "e3/camera:0", "e4/camera:0", "e5/camera:0"),
                summary(allocation));
        assertEquals(5 * L, allocation.totalBps());
    }

    @Test
    void theStageRisesToItsMaxHeightBeforeAnyTileRises() {
        List<VideoSource> sources = cameras("e1", "e2", "e3");
        // The stage at 720p and two tiles at 180p, with headroom; a tile at 360p would need 350 kbit/s more.
        long estimate = (long) ((H + 2 * L) * 1.1) + 200_000;

        Allocation allocation = allocate(sources, stage(-1, 720, "e3/camera"), List.of(), estimate);

        assertEquals(List.of("e3/camera:2", "e1/camera:0", "e2/camera:0"), summary(allocation));
    }

    @Test
    void tilesRiseTogetherOneLayerAtATime() {
        List<VideoSource> sources = cameras("e1", "e2", "e3");
        // Enough for all three at 360p and one at 720p, but not for all at 720p.
        long estimate = (long) ((3 * M + (H - M)) * 1.1) + 10_000;

        Allocation allocation = allocate(sources, tiles(-1, 720), List.of(), estimate);

        assertEquals(List.of("e1/camera:2", "e2/camera:1", "e3/camera:1"), summary(allocation));
        assertTrue(allocation.totalBps() <= estimate);
    }

    @Test
    void aSourceGetsTheHighestLayerWithinItsMaxHeightButAtLeastItsLowest() {
        List<VideoSource> sources = List.of(camera("e1"), screen("e2"));

        Allocation smallTiles = allocate(sources, tiles(-1, 360), List.of(), UNLIMITED_ESTIMATE);

        assertEquals(1, smallTiles.layer("e1/camera"), "360p fits a 360-pixel tile; 720p does not");
        assertEquals(360, smallTiles.get("e1/camera").height());
        assertEquals(0, smallTiles.layer("e2/screen"), "a 1080p screen share in a small tile still shows");
        ReceiverConstraints override = new ReceiverConstraints(-1, 360, List.of(), 720, Map.of("e1/camera", 200));
        assertEquals(0, allocate(sources, override, List.of(), UNLIMITED_ESTIMATE).layer("e1/camera"));
    }

    @Test
    void layersAreTakenInIndexOrderAndOneOfUnknownHeightOnlyAsTheLowest() {
        VideoSource shuffled = new VideoSource("e1/camera", "e1", VideoSource.Kind.CAMERA, List.of(
                new Layer(2, 720, 30, H), new Layer(0, 180, 30, L), new Layer(1, 0, 30, M)));

        assertEquals(List.of(0, 1, 2), shuffled.layers().stream().map(Layer::index).toList());
        Allocation allocation = allocate(List.of(shuffled), tiles(-1, 360), List.of(), UNLIMITED_ESTIMATE);
        assertEquals(0, allocation.layer("e1/camera"), "360p tile: layer 1's height is not known yet, 720p too tall");
        VideoSource unknown = new VideoSource("e2/camera", "e2", VideoSource.Kind.CAMERA, List.of(
                new Layer(0, 0, 30, L), new Layer(1, 0, 30, M)));
        assertEquals(0, allocate(List.of(unknown), tiles(-1, 720), List.of(), UNLIMITED_ESTIMATE).layer("e2/camera"));
    }

    @Test
    void theBudgetStopsAtTheFirstSourceItCannotCarry() {
        VideoSource expensive = new VideoSource("e1/camera", "e1", VideoSource.Kind.CAMERA,
                List.of(new Layer(0, 720, 30, 900_000)));
        List<VideoSource> sources = List.of(camera("e0"), expensive, camera("e2"));
        // e0's 150 kbit/s fits, e1's 900 kbit/s does not; e2's 150 kbit/s would, but e1 comes first.
        Allocation allocation = allocate(sources, tiles(-1, 180), List.of(), 600_000);

        assertEquals(List.of("e0/camera:0", "e1/camera:BANDWIDTH", "e2/camera:BANDWIDTH"), summary(allocation));
        assertEquals(L, allocation.totalBps());
    }

    @Test
    void theTotalNeverExceedsTheEstimate() {
        List<VideoSource> sources = new ArrayList<>(cameras("e1", "e2", "e3", "e4", "e5", "e6", "e7"));
        sources.add(screen("e8"));
        for (long estimate = 0; estimate < 12_000_000; estimate += 37_000) {
            Allocation allocation = BandwidthAllocator.allocate(sources, stage(5, 360, "e8/screen", "e2/camera"),
                    List.of("e7", "e1"), estimate, Allocation.EMPTY);
            assertTrue(allocation.totalBps() <= estimate, "total " + allocation.totalBps() + " at " + estimate);
            long sum = allocation.sources().values().stream().mapToLong(SourceAllocation::bitrateBps).sum();
            assertEquals(sum, allocation.totalBps());
        }
    }

    @Test
    void belowTheLowestLayerAllVideoPausesForBandwidthAndAudioHasTheLink() {
        List<VideoSource> sources = cameras("e1", "e2");

        Allocation weak = allocate(sources, tiles(-1, 180), List.of(), 100_000);

        assertEquals(List.of("e1/camera:BANDWIDTH", "e2/camera:BANDWIDTH"), summary(weak));
        assertEquals(0, weak.totalBps());
        assertEquals(SourceAllocation.NONE, weak.layer("e1/camera"));
        Allocation recovered = BandwidthAllocator.allocate(sources, tiles(-1, 180), List.of(), 400_000, weak);
        assertEquals(List.of("e1/camera:0", "e2/camera:0"), summary(recovered), "video comes back by itself");
    }

    @Test
    void anOnStageScreenShareComesBeforeAnOnStageCamera() {
        List<VideoSource> sources = List.of(camera("e1"), screen("e2"));

        // The receiver names the camera first, but the screen share (1.2 Mbit/s) is served first.
        Allocation allocation = allocate(sources, stage(-1, 180, "e1/camera", "e2/screen"), List.of("e1"),
                (long) (SCREEN * 1.1) + 10_000);

        assertEquals(List.of("e2/screen:0", "e1/camera:BANDWIDTH"), summary(allocation));
    }

    @Test
    void aScreenShareOnStageOutranksTheDominantSpeakersCamera() {
        List<VideoSource> sources = List.of(camera("e1"), camera("e2"), screen("e3"));

        Allocation allocation = allocate(sources, stage(2, 180, "e3/screen"), List.of("e1", "e2"), UNLIMITED_ESTIMATE);

        assertEquals(List.of("e3/screen:0", "e1/camera:0", "e2/camera:LAST_N"), summary(allocation));
    }

    @Test
    void maxHeightZeroIsNotShownAndLeavesItsLastNPlaceToAnother() {
        List<VideoSource> sources = cameras("e1", "e2", "e3");
        ReceiverConstraints constraints = new ReceiverConstraints(2, 180, List.of(), 720, Map.of("e1/camera", 0));

        Allocation allocation = allocate(sources, constraints, List.of(), UNLIMITED_ESTIMATE);

        assertEquals(List.of("e1/camera:NOT_SHOWN", "e2/camera:0", "e3/camera:0"), summary(allocation));
        assertEquals(List.of("e1/camera:NOT_SHOWN", "e2/camera:NOT_SHOWN", "e3/camera:NOT_SHOWN"),
                summary(allocate(sources, tiles(-1, 0), List.of(), UNLIMITED_ESTIMATE)), "tile height 0: audio only");
    }

    @Test
    void aSourceWithoutLayersHasNoSignalAndTakesNoLastNPlace() {
        VideoSource cameraOff = new VideoSource("e1/camera", "e1", VideoSource.Kind.CAMERA, List.of());
        List<VideoSource> sources = List.of(cameraOff, camera("e2"));

        Allocation allocation = allocate(sources, tiles(1, 180), List.of("e1"), UNLIMITED_ESTIMATE);

        assertEquals(List.of("e1/camera:NO_SIGNAL", "e2/camera:0"), summary(allocation));
    }

    @Test
    void anEstimateHoveringAtALayerBoundaryDoesNotFlipTheLayer() {
        List<VideoSource> sources = cameras("e1");
        ReceiverConstraints constraints = tiles(-1, 720);
        Allocation previous = BandwidthAllocator.allocate(sources, constraints, List.of(), 1_000_000, Allocation.EMPTY);
        assertEquals(1, previous.layer("e1/camera"));

        // Around 1.5 Mbit/s, what 720p needs: within 10% above it, no upgrade.
        for (long estimate : new long[] {1_450_000, 1_520_000, 1_600_000, 1_480_000, 1_640_000}) {
            Allocation next = BandwidthAllocator.allocate(sources, constraints, List.of(), estimate, previous);
            assertEquals(1, next.layer("e1/camera"), "at " + estimate);
            assertTrue(next.changedSince(previous).isEmpty());
            previous = next;
        }
        Allocation up = BandwidthAllocator.allocate(sources, constraints, List.of(), 1_660_000, previous);
        assertEquals(2, up.layer("e1/camera"), "10% headroom: up");
        // Once up, it stays while the estimate carries it, and goes down at once when it does not.
        assertEquals(2, BandwidthAllocator.allocate(sources, constraints, List.of(), 1_500_000, up).layer("e1/camera"));
        assertEquals(1, BandwidthAllocator.allocate(sources, constraints, List.of(), 1_490_000, up).layer("e1/camera"));
    }

    @Test
    void videoResumesAfterAudioOnlyOnlyWithHeadroom() {
        List<VideoSource> sources = cameras("e1");
        Allocation paused = allocate(sources, tiles(-1, 180), List.of(), 120_000);
        assertEquals(Reason.BANDWIDTH, paused.get("e1/camera").reason());

        Allocation hovering = BandwidthAllocator.allocate(sources, tiles(-1, 180), List.of(), 160_000, paused);
        assertEquals(Reason.BANDWIDTH, hovering.get("e1/camera").reason(), "160 kbit/s: less than 10% over 150");
        Allocation resumed = BandwidthAllocator.allocate(sources, tiles(-1, 180), List.of(), 170_000, hovering);
        assertEquals(0, resumed.layer("e1/camera"));
        Allocation kept = BandwidthAllocator.allocate(sources, tiles(-1, 180), List.of(), 150_000, resumed);
        assertEquals(0, kept.layer("e1/camera"), "forwarded video stays while the estimate carries it");
    }

    @Test
    void changedSinceNamesLayerAndReasonChangesAndSourcesThatCameOrWent() {
        List<VideoSource> before = cameras("e1", "e2", "e3");
        Allocation previous = allocate(before, tiles(2, 360), List.of(), UNLIMITED_ESTIMATE);

        List<VideoSource> after = cameras("e1", "e2", "e4");
        Allocation next = BandwidthAllocator.allocate(after, tiles(2, 180), List.of("e4"), UNLIMITED_ESTIMATE, previous);

        // e4 new and forwarded; e1 now 180p; e2 now beyond last-N; e3 gone.
        assertEquals(List.of("e4/camera", "e1/camera", "e2/camera", "e3/camera"), next.changedSince(previous));
        assertEquals(List.of(), next.changedSince(next));
    }

    @Test
    void reasonsCarryTheNamesOfTheMediaAllocationMessage() {
        assertEquals(List.of("forwarded", "last-n", "bandwidth", "not-shown", "no-signal"),
                java.util.Arrays.stream(Reason.values()).map(Reason::wireName).toList());
    }

    @Test
    void theAllocationIsTheSameForTheSameInputs() {
        List<VideoSource> sources = new ArrayList<>(cameras("e1", "e2", "e3", "e4"));
        sources.add(screen("e5"));
        ReceiverConstraints constraints = stage(3, 180, "e5/screen");
        Allocation first = BandwidthAllocator.allocate(sources, constraints, List.of("e3"), 2_000_000, Allocation.EMPTY);
        Allocation second = BandwidthAllocator.allocate(sources, constraints, List.of("e3"), 2_000_000, Allocation.EMPTY);
        assertEquals(first, second);
        Map<String, SourceAllocation> expected = new LinkedHashMap<>(first.sources());
        assertEquals(expected.keySet().stream().toList(),
                List.of("e5/screen", "e3/camera", "e1/camera", "e2/camera", "e4/camera"));
    }

    @Test
    void aTumorBoardOfFortyGetsSixteenTilesAndTheSpeakerOnStageWithinItsEstimate() {
        List<VideoSource> sources = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            sources.add(camera("e" + i));
        }
        ReceiverConstraints constraints = stage(16, 180, "e7/camera");

        Allocation ample = allocate(sources, constraints, List.of("e7", "e3", "e12"), 5_000_000);

        assertEquals(16, ample.sources().values().stream().filter(SourceAllocation::isForwarded).count());
        assertEquals(2, ample.layer("e7/camera"), "the speaker on stage at 720p");
        assertEquals(H + 15 * L, ample.totalBps());
        assertEquals(23, ample.sources().values().stream().filter(s -> s.reason() == Reason.LAST_N).count());

        Allocation capped = allocate(sources, constraints, List.of("e7", "e3", "e12"), 2_000_000);
        assertTrue(capped.totalBps() <= 2_000_000);
        assertEquals(0, capped.layer("e7/camera"), "every tile's lowest layer before the stage rises");
        assertEquals(List.of("e7/camera:0", "e3/camera:0", "e12/camera:0"), summary(capped).subList(0, 3));
        assertEquals(12, capped.sources().values().stream().filter(SourceAllocation::isForwarded).count(),
                "12 x 150 kbit/s with 10% headroom fit 2 Mbit/s, 13 do not");
    }
    /**
     * A tumor board's receiver on a 2.5 Mbit/s link: 15 tiles at 7.5 frames/s (what the
     * packet path passes for them: the base temporal layer's 40% of 180p, with SRTP about
     * 63 kbit/s) and the speaker on stage. Every tile fits; 720p on stage would not (with the
     * upgrade headroom), so the stage gets 360p: video 1.45 Mbit/s, with the board's audio
     * about 1.7.
     */
    @Test
    void aBoardOnTwoAndAHalfMegabitsKeepsEveryTileAndTakesTheStageTo360p() {
        List<VideoSource> sources = new ArrayList<>();
        sources.add(camera("speaker"));
        for (int i = 0; i < 15; i++) {
            sources.add(new VideoSource("t" + i + "/camera", "t" + i, VideoSource.Kind.CAMERA, List.of(
                    new Layer(0, 180, 8, 63_000), new Layer(1, 360, 8, 200_000), new Layer(2, 720, 8, 600_000))));
        }
        ReceiverConstraints board = new ReceiverConstraints(16, 180, List.of("speaker/camera"), 720, Map.of(), 8);
        Allocation allocation = allocate(sources, board, List.of(), 2_500_000);
        assertEquals(1, allocation.layer("speaker/camera"), "the stage at 360p");
        for (int i = 0; i < 15; i++) {
            assertEquals(0, allocation.layer("t" + i + "/camera"), "every tile shown");
        }
        assertEquals(15 * 63_000 + M, allocation.totalBps());
    }
}
