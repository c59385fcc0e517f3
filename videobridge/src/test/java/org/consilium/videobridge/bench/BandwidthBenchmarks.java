package org.consilium.videobridge.bench;

import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.bwe.BandwidthEstimator;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.TransportCcFeedback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What bandwidth estimation adds to the packet path: recording a forwarded copy (per packet
 * and receiver, as {@code EndpointSender} does it, clock read included), and reading one
 * receiver's feedback of 100 packets (20 a second per receiver). Both must allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BandwidthBenchmarks {

    private static final int PER_FEEDBACK = 100;

    private final BandwidthEstimator estimator = new BandwidthEstimator();
    private int sequence;
    private MediaPacket[] feedbacks;
    private int nextFeedback;
    private long feedbackClock;

    /** 64 feedbacks of 100 packets each, 1 ms apart, every tenth lost; the history re-armed before each. */
    @Setup(Level.Trial)
    public void feedbacks() {
        feedbacks = new MediaPacket[64];
        TransportCcFeedback writer = new TransportCcFeedback();
        for (int f = 0; f < feedbacks.length; f++) {
            for (int i = 0; i < PER_FEEDBACK; i++) {
                int number = f * PER_FEEDBACK + i;
                if (i % 10 != 3 || i == PER_FEEDBACK - 1) {
                    writer.received(number, 1_000_000L + number * 1_000L);
                }
            }
            byte[] bytes = writer.write(1, 2);
            feedbacks[f] = MediaPacket.copyOf(bytes, 0, bytes.length);
        }
    }

    @Benchmark
    public void recordSent() {
        estimator.sent(sequence++ & 0xFFFF, 1_100, System.nanoTime());
    }

    @Benchmark
    public Object readFeedback() {
        int f = nextFeedback;
        nextFeedback = (f + 1) % feedbacks.length;
        long base = feedbackClock;
        for (int i = 0; i < PER_FEEDBACK; i++) {
            estimator.sent((f * PER_FEEDBACK + i) & 0xFFFF, 1_100, base + i * 1_000_000L);
        }
        feedbackClock += PER_FEEDBACK * 1_000_000L;
        MediaPacket packet = feedbacks[f];
        return estimator.feedback(packet, 0, packet.getLength(), feedbackClock + 50_000_000L);
    }
}
