package org.consilium.videobridge.bench;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.allocation.Allocation;
import org.consilium.videobridge.allocation.BandwidthAllocator;
import org.consilium.videobridge.allocation.DominantSpeaker;
import org.consilium.videobridge.allocation.Layer;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.allocation.VideoSource;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.AudioLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One receiver's allocation in a tumor board of 40 (39 three-layer cameras and a screen
 * share, last-N 16, 180p tiles, the screen share on stage), and the per-audio-packet work
 * of speaker detection: read the RFC 6464 level, feed the detector.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllocationBenchmarks {

    private List<VideoSource> sources;
    private ReceiverConstraints constraints;
    private List<String> ranking;
    private Allocation previous;
    private MediaPacket audio;
    private DominantSpeaker speakers;
    private final String[] speakerIds = new String[40];
    private long now;
    private int packet;

    @Setup(Level.Trial)
    public void tumorBoard() {
        sources = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            sources.add(new VideoSource("ep-" + i + "/camera-1", "ep-" + i, VideoSource.Kind.CAMERA, List.of(
                    new Layer(0, 180, 30, 150_000), new Layer(1, 360, 30, 500_000), new Layer(2, 720, 30, 1_500_000))));
        }
        sources.add(new VideoSource("ep-3/screen-2", "ep-3", VideoSource.Kind.SCREEN,
                List.of(new Layer(0, 1080, 5, 1_200_000))));
        constraints = new ReceiverConstraints(16, 180, List.of("ep-3/screen-2"), 1080, Map.of("ep-30/camera-1", 0));
        ranking = List.of("ep-3", "ep-17", "ep-25", "ep-4");
        previous = BandwidthAllocator.allocate(sources, constraints, ranking, 3_500_000, Allocation.EMPTY);
        byte[] bytes = HexFormat.of().parseHex("906f000100000100112233440000bede000131abcd10aa0000" + "00".repeat(60));
        audio = new MediaPacket(bytes, 0, bytes.length);
        speakers = new DominantSpeaker();
        for (int i = 0; i < speakerIds.length; i++) {
            speakerIds[i] = "ep-" + i;
        }
        now = System.nanoTime();
    }

    @Benchmark
    public Allocation allocateFortySources() {
        return BandwidthAllocator.allocate(sources, constraints, ranking, 3_500_000, previous);
    }

    /** 40 speakers' packets in turn, 20 ms of audio per speaker per round. */
    @Benchmark
    public boolean audioLevelIntoDominantSpeaker() {
        int read = AudioLevel.read(audio, 1);
        packet++;
        if (packet % speakerIds.length == 0) {
            now += 20_000_000;
        }
        return speakers.level(speakerIds[packet % speakerIds.length], AudioLevel.level(read), now);
    }
}
