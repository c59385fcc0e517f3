package org.consilium.videobridge.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * A grand round over two bridges (scenario {@code cascade}): one presenter (Opus and one
 * VP8 stream of {@code videoKbps}) on the first bridge, {@code size} viewers split evenly
 * over both, the second bridge fed by a relay from the first. Per bridge: the CPU of its
 * threads (named {@code bridge-a-*}, {@code bridge-b-*}) and what it forwarded; per side: the
 * loss and the one-way delay from the presenter's send to a viewer's receive (one clock, one
 * JVM). What the relay adds is the second side's delay minus the first's.
 *
 * <pre>
 * mvn -q -pl videobridge -Pbenchmark test-compile exec:exec -Dscenario=cascade -Dsizes=50,100,200 -DvideoKbps=1500 -Dseconds=10
 * </pre>
 */
final class GrandRoundCascade {

    static final String HEADER = "viewers  per-side  presenter-pkt/s  cpu%-a  cpu%-b  fwd-pkt/s-a  fwd-pkt/s-b"
            + "  loss%-a  loss%-b  delay-ms-a(p50/p99/max)  delay-ms-b(p50/p99/max)  added-ms(p50/p99)  relay-pkt/s";
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long AUDIO_INTERVAL = 20_000_000L;
    private static final long FRAME_INTERVAL = 1_000_000_000L / 30;
    private static final long CONSENT_INTERVAL = 5_000_000_000L;
    private static final int MAX_PAYLOAD = 1100;
    private static final int KEYFRAME_EVERY = 60;
    private static final int AUDIO_SSRC = 0x0A0D10;
    private static final int VIDEO_SSRC = 0x0C0FEE;

    private GrandRoundCascade() {
    }

    /** The viewers of one bridge: what they received and how late. */
    private static final class Side {
        final LongAdder received = new LongAdder();
        final Histogram delayMicros = new ConcurrentHistogram(60_000_000L, 3);
        final List<SyntheticBrowser> viewers = new ArrayList<>();
        volatile boolean measuring;
    }

    static void run(int size, int videoKbps, int seconds) throws Exception {
        ExecutorService executorA = executor("bridge-a-");
        ExecutorService executorB = executor("bridge-b-");
        Side sideA = new Side();
        Side sideB = new Side();
        AtomicLongArray audioSentAt = new AtomicLongArray(65536);
        AtomicLongArray videoSentAt = new AtomicLongArray(65536);
        SyntheticBrowser presenter = null;
        try (Videobridge a = Videobridge.start(BridgeConfig.loopback(), executorA);
             Videobridge b = Videobridge.start(BridgeConfig.loopback(), executorB)) {
            Conference onA = a.conference("grand-rounds");
            Conference onB = b.conference("grand-rounds");
            Endpoint relayA = onA.initiateRelay("relay-to-b");
            Endpoint relayB = onB.acceptRelay("relay-from-a", relayA.localTransport().iceUfrag(),
                    relayA.localTransport().fingerprint());
            relayA.connectTo(relayB.localTransport());
            Eventually.until(java.time.Duration.ofSeconds(10), () -> relayA.isConnected() && relayB.isConnected(),
                    "the relay is up");
            presenter = SyntheticBrowser.join(a.mediaAddress(), onA.allocateEndpoint("presenter"), List.of(
                    new MediaSource(MediaSource.Kind.AUDIO, AUDIO_SSRC, "presenter", "a"),
                    new MediaSource(MediaSource.Kind.VIDEO, VIDEO_SSRC, "presenter", "v")));
            for (int i = 0; i < size; i++) {
                boolean first = i % 2 == 0;
                Side side = first ? sideA : sideB;
                Videobridge bridge = first ? a : b;
                SyntheticBrowser viewer = SyntheticBrowser.join(bridge.mediaAddress(),
                        (first ? onA : onB).allocateEndpoint("viewer-" + i), List.of());
                viewer.countMediaOnly((packet, length, now) -> arrived(side, packet, now, audioSentAt, videoSentAt));
                side.viewers.add(viewer);
            }
            relayB.setSources(onA.sourcesRelayedBy(relayA.id())); // what the control plane does across the cluster
            relayA.setSources(onB.sourcesRelayedBy(relayB.id()));

            byte[] audioPayload = new byte[80];
            byte[] videoPayload = new byte[MAX_PAYLOAD];
            int frameBytes = videoKbps * 1000 / 8 / 30;
            long start = System.nanoTime();
            long measureFrom = start + WARMUP_NANOS;
            long end = measureFrom + seconds * 1_000_000_000L;
            long nextAudio = start;
            long nextFrame = start;
            long nextConsent = start + CONSENT_INTERVAL;
            int audioSequence = 0;
            int videoSequence = 0;
            int frames = 0;
            long sent = 0;
            long sentBefore = 0;
            long[] cpuBefore = null;
            long fwdABefore = 0;
            long fwdBBefore = 0;
            long relayBefore = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                while (now - nextAudio >= 0) {
                    audioSentAt.set(audioSequence, System.nanoTime());
                    presenter.sendRtp(AUDIO_SSRC, audioSequence, 111, audioPayload);
                    audioSequence = (audioSequence + 1) & 0xFFFF;
                    sent++;
                    nextAudio += AUDIO_INTERVAL;
                }
                while (now - nextFrame >= 0) {
                    int bytes = frames++ % KEYFRAME_EVERY == 0 ? 5 * frameBytes : frameBytes;
                    while (bytes > 0) {
                        int length = Math.min(bytes, MAX_PAYLOAD);
                        videoSentAt.set(videoSequence, System.nanoTime());
                        presenter.sendRtp(VIDEO_SSRC, videoSequence, 96,
                                length == MAX_PAYLOAD ? videoPayload : java.util.Arrays.copyOf(videoPayload, length));
                        videoSequence = (videoSequence + 1) & 0xFFFF;
                        sent++;
                        bytes -= length;
                    }
                    nextFrame += FRAME_INTERVAL;
                }
                if (now - nextConsent >= 0) {
                    nextConsent = now + CONSENT_INTERVAL;
                    presenter.refreshConsent();
                    for (SyntheticBrowser viewer : sideA.viewers) {
                        viewer.refreshConsent();
                    }
                    for (SyntheticBrowser viewer : sideB.viewers) {
                        viewer.refreshConsent();
                    }
                }
                if (cpuBefore == null && now >= measureFrom) {
                    cpuBefore = new long[] {cpuNanos("bridge-a-"), cpuNanos("bridge-b-")};
                    sentBefore = sent;
                    fwdABefore = a.counters().packetsOut();
                    fwdBBefore = b.counters().packetsOut();
                    relayBefore = relayA.statistics().packetsSent();
                    start(sideA);
                    start(sideB);
                }
                LockSupport.parkNanos(1_000_000); // pacing the presenter, not waiting for a result
            }
            long cpuA = cpuNanos("bridge-a-") - cpuBefore[0];
            long cpuB = cpuNanos("bridge-b-") - cpuBefore[1];
            long measuredSent = sent - sentBefore;
            long fwdA = a.counters().packetsOut() - fwdABefore;
            long fwdB = b.counters().packetsOut() - fwdBBefore;
            long relayed = relayA.statistics().packetsSent() - relayBefore;
            LockSupport.parkNanos(500_000_000L); // the last packets in flight arrive
            sideA.measuring = false;
            sideB.measuring = false;
            double lossA = loss(sideA, measuredSent);
            double lossB = loss(sideB, measuredSent);
            Histogram dA = sideA.delayMicros;
            Histogram dB = sideB.delayMicros;
            System.out.printf(Locale.ROOT, "%7d  %8d  %15.0f  %6.1f  %6.1f  %11.0f  %11.0f  %7.3f  %7.3f  %s  %s  %s  %11.0f%n",
                    size, sideA.viewers.size(), measuredSent / (double) seconds,
                    cpuA / 1e7 / seconds, cpuB / 1e7 / seconds, fwdA / (double) seconds, fwdB / (double) seconds,
                    lossA, lossB, delays(dA), delays(dB),
                    String.format(Locale.ROOT, "%.2f/%.2f", (dB.getValueAtPercentile(50) - dA.getValueAtPercentile(50)) / 1000.0,
                            (dB.getValueAtPercentile(99) - dA.getValueAtPercentile(99)) / 1000.0),
                    relayed / (double) seconds);
            System.err.printf(Locale.ROOT, "  cascade %d: bridge a drops %s, bridge b drops %s; relay: %s%n", size,
                    a.counters().dropsByReason().entrySet().stream().filter(e -> e.getValue() > 0).toList(),
                    b.counters().dropsByReason().entrySet().stream().filter(e -> e.getValue() > 0).toList(),
                    relayB.statistics());
        } finally {
            if (presenter != null) {
                presenter.close();
            }
            sideA.viewers.forEach(SyntheticBrowser::close);
            sideB.viewers.forEach(SyntheticBrowser::close);
            executorA.shutdownNow();
            executorB.shutdownNow();
        }
    }

    private static void start(Side side) {
        side.delayMicros.reset();
        side.received.reset();
        side.measuring = true;
    }

    /** A viewer's reader thread: the packet's delay from the presenter's send, by its clear RTP header. */
    private static void arrived(Side side, byte[] packet, long now, AtomicLongArray audioSentAt, AtomicLongArray videoSentAt) {
        if (!side.measuring) {
            return;
        }
        int ssrc = (packet[8] & 0xFF) << 24 | (packet[9] & 0xFF) << 16 | (packet[10] & 0xFF) << 8 | packet[11] & 0xFF;
        int sequence = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        long sentAt = ssrc == AUDIO_SSRC ? audioSentAt.get(sequence) : ssrc == VIDEO_SSRC ? videoSentAt.get(sequence) : 0;
        if (sentAt == 0) {
            return;
        }
        side.received.increment();
        side.delayMicros.recordValue(Math.max(0, (now - sentAt) / 1000));
    }

    private static double loss(Side side, long sent) {
        long expected = sent * side.viewers.size();
        return expected == 0 ? 0 : Math.max(0, 100.0 * (expected - side.received.sum()) / expected);
    }

    private static String delays(Histogram micros) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    private static ExecutorService executor(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static long cpuNanos(String prefix) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                cpu += Math.max(0, mx.getThreadCpuTime(thread.getId()));
            }
        }
        return cpu;
    }
}
