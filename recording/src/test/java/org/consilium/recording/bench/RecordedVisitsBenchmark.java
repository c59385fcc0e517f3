package org.consilium.recording.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.envelope.SeekableEnvelope;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingOptions;
import org.consilium.recording.RecordingStats;
import org.consilium.recording.bridge.TappedParticipant;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.load.LoadGenerator;
import org.consilium.videobridge.load.Result;

/**
 * Recorded visits under the bridge's load generator: its {@code visits} scenario (N one-to-one
 * visits, each participant publishing Opus and one VP8 camera stream of {@code videoKbps} with
 * SDP, as a browser without simulcast), and with {@code record=true} every publisher tapped as
 * the product does it (ejb's {@code MemberTrack}: {@link Endpoint#tap} with a
 * {@link TappedParticipant} feeding a {@link ParticipantRecording}), each into its own file
 * encrypted as the product writes it ({@link RecordingWriterBenchmark.ProductFile}: SHA-256 over
 * an envelope of 16-KiB chunks, the data key wrapped on a throwaway SoftHSM2 token).
 *
 * <p>Prints the generator's row (forwarded packets, the bridge's CPU, in-bridge transit, loss)
 * and, over the same measured window, the process's CPU (bridge, generator, recorders, GC and
 * JIT together) and the recorders' threads' CPU; after the run every recording is stopped, its
 * counters added up and its file reopened through its envelope (complete, length as written).
 * See docs/performance.md for the commands.
 */
public final class RecordedVisitsBenchmark {

    private RecordedVisitsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int visits = Integer.getInteger("visits", 10);
        int videoKbps = Integer.getInteger("videoKbps", 1500);
        int seconds = Integer.getInteger("seconds", 60);
        boolean record = Boolean.parseBoolean(System.getProperty("record", "true"));
        Path dir = Files.createDirectories(Path.of("target", "bench", "visits"));
        System.out.printf(Locale.ROOT, "# %d visits (%d publishers, Opus + VP8 %d kbit/s), %s, %d s measured after 3 s"
                        + " warm-up; %d cores; load average %.2f%n", visits, 2 * visits, videoKbps,
                record ? "every publisher recorded, encrypted" : "not recorded", seconds,
                Runtime.getRuntime().availableProcessors(), RecordingWriterBenchmark.loadAverage());
        System.out.println("# figures of the table: the measured window; the recorders' counters at most 100 ms old at"
                + " either end of it");
        try (BenchEnvelopes keys = record ? BenchEnvelopes.open() : null) {
            Recorders recorders = new Recorders(record ? keys.envelopes().withChunkSize(RecordingWriterBenchmark.CHUNK_SIZE)
                    : null, dir);
            Result result = LoadGenerator.run("visits", visits, videoKbps, seconds, recorders);
            System.out.println("| recorded | forwarded pkt/s | Mbit/s | bridge CPU % | process CPU % | recorders' threads"
                    + " CPU % | transit p50 / p99 / p99.9 (us) | bridge loss % | received loss % |"
                    + " lost before the bridge | recording: queued / dropped / lost | files complete |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f / %.0f / %.0f | %.2f | %.2f | %d | %s | %s |%n",
                    record ? "yes" : "no", result.packetsPerSecond(), result.bytesOut() * 8 / 1e6 / seconds,
                    100.0 * result.cpuNanos() / 1e9 / seconds, 100.0 * recorders.processNanos / 1e9 / seconds,
                    100.0 * recorders.recorderNanos / 1e9 / seconds,
                    result.transit().getValueAtPercentile(50) / 1e3, result.transit().getValueAtPercentile(99) / 1e3,
                    result.transit().getValueAtPercentile(99.9) / 1e3, result.bridgeLossPercent(), result.lossPercent(),
                    recorders.windowIngressLost,
                    record ? recorders.windowQueued + " / " + recorders.windowDropped + " / " + recorders.windowLost
                            : "-",
                    record ? recorders.complete + " of " + recorders.files.size() : "-");
            System.out.printf(Locale.ROOT, "whole run (warm-up included): kernel receive-buffer drops (any socket on"
                            + " the host) %d; the bridge's incoming streams lost %d packets before the bridge; it got %d"
                            + " NACKs and resent %d packets%n", recorders.kernelDrops, recorders.bridgeIngressLost,
                    recorders.bridgeNacksReceived, recorders.bridgeRetransmissions);
            if (record) {
                System.out.printf(Locale.ROOT, "recording over the whole run (warm-up included): %d packets queued, %d"
                                + " dropped, %d lost; %.1f MB of WebM in %d files, %d video frames, %d keyframe requests,"
                                + " %d video frames dropped (incomplete or waiting for a keyframe), %d write failures;"
                                + " recorders' threads %.2f %% of one core per recorded visit%n",
                        recorders.queued, recorders.dropped, recorders.lost, recorders.bytes / 1e6,
                        recorders.files.size(), recorders.videoFrames, recorders.keyframeRequests,
                        recorders.videoFramesDropped, recorders.failures.get(),
                        100.0 * recorders.recorderNanos / 1e9 / seconds / visits);
                if (recorders.dropped != 0 || recorders.complete != recorders.files.size()
                        || recorders.failures.get() != 0) {
                    System.out.println("RECORDING LOST PACKETS OR FILES");
                }
            }
        }
        System.exit(0);
    }

    /** The taps, the CPU over the measured window, and the recordings' counters at the end. */
    private static final class Recorders implements LoadGenerator.Hooks {
        private final Envelopes envelopes;
        private final Path dir;
        private final List<Endpoint> tapped = new ArrayList<>();
        private final List<ParticipantRecording> recordings = new ArrayList<>();
        private final List<RecordingWriterBenchmark.ProductFile> sinks = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        private long processBefore;
        private long recordersBefore;
        private RecordingStats[] statsBefore;
        private long kernelDropsAtJoin;
        /** The recordings' counters over the measured window (each at most 100 ms old at either end). */
        long windowQueued;
        long windowDropped;
        long windowLost;
        /** Packets of the publishers lost before the bridge (its own count of its incoming streams), same window. */
        long windowIngressLost;
        private long ingressLostBefore;
        /** Datagrams the kernel dropped for a full receive buffer, from joining to leaving (any socket). */
        long kernelDrops;
        /** The bridge's own view of its publishers' streams, over the whole run: lost before it, NACKs, resent. */
        long bridgeIngressLost;
        long bridgeNacksReceived;
        long bridgeRetransmissions;
        private List<Endpoint> endpoints = List.of();
        long processNanos;
        long recorderNanos;
        long queued;
        long dropped;
        long lost;
        long videoFrames;
        long videoFramesDropped;
        long keyframeRequests;
        long bytes;
        int complete;

        Recorders(Envelopes envelopes, Path dir) {
            this.envelopes = envelopes;
            this.dir = dir;
        }

        @Override
        public void joined(Videobridge bridge, List<Endpoint> endpoints) throws Exception {
            kernelDropsAtJoin = udpReceiveBufferErrors();
            this.endpoints = List.copyOf(endpoints);
            if (envelopes == null) {
                return;
            }
            for (Conference conference : bridge.conferences()) {
                RecordingTimeline timeline = RecordingTimeline.startingNow(); // one per call
                for (Endpoint endpoint : conference.endpoints()) {
                    Path file = dir.resolve(conference.id() + "-" + endpoint.id() + ".webm.csev");
                    RecordingWriterBenchmark.ProductFile sink = RecordingWriterBenchmark.ProductFile.create(envelopes, file);
                    TappedParticipant tap = new TappedParticipant(endpoint::requestKeyframe,
                            failure -> failures.incrementAndGet());
                    ParticipantRecording recording = ParticipantRecording.start(conference.id() + "-" + endpoint.id(),
                            sink, EnumSet.of(MediaKind.AUDIO, MediaKind.VIDEO), timeline, RecordingOptions.defaults(),
                            tap);
                    tap.recordInto(recording);
                    endpoint.tap(tap);
                    tapped.add(endpoint);
                    recordings.add(recording);
                    sinks.add(sink);
                    files.add(file);
                }
            }
        }

        @Override
        public void measuring() {
            processBefore = processCpu();
            recordersBefore = recorderThreadsCpu();
            statsBefore = recordings.stream().map(ParticipantRecording::stats).toArray(RecordingStats[]::new);
            ingressLostBefore = ingressLost();
        }

        @Override
        public void measured() {
            processNanos = processCpu() - processBefore;
            recorderNanos = recorderThreadsCpu() - recordersBefore;
            windowIngressLost = ingressLost() - ingressLostBefore;
            for (int i = 0; i < recordings.size(); i++) {
                RecordingStats now = recordings.get(i).stats();
                windowQueued += now.packetsQueued() - statsBefore[i].packetsQueued();
                windowDropped += now.packetsDroppedQueueFull() - statsBefore[i].packetsDroppedQueueFull();
                windowLost += now.packetsLost() - statsBefore[i].packetsLost();
            }
        }

        @Override
        public void leaving() throws Exception {
            kernelDrops = udpReceiveBufferErrors() - kernelDropsAtJoin;
            for (Endpoint endpoint : endpoints) {
                var statistics = endpoint.statistics();
                bridgeIngressLost += statistics.packetsLost();
                bridgeNacksReceived += statistics.nacksReceived();
                bridgeRetransmissions += statistics.retransmissionsSent();
            }
            tapped.forEach(endpoint -> endpoint.tap(null)); // as MemberTrack.stop: nothing more is written
            for (int i = 0; i < recordings.size(); i++) {
                RecordingStats stats = recordings.get(i).stop();
                queued += stats.packetsQueued();
                dropped += stats.packetsDroppedQueueFull();
                lost += stats.packetsLost();
                videoFrames += stats.videoFrames();
                videoFramesDropped += stats.videoFramesDropped();
                keyframeRequests += stats.keyframeRequests();
                bytes += stats.bytesWritten();
                try (SeekableEnvelope envelope = envelopes.openSeekable(files.get(i))) {
                    if (envelope.isComplete() && envelope.length() == stats.bytesWritten()
                            && !sinks.get(i).sha256().isEmpty()) {
                        complete++;
                    }
                }
            }
        }

        private long ingressLost() {
            return endpoints.stream().mapToLong(endpoint -> endpoint.statistics().packetsLost()).sum();
        }

        /** Linux's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp). */
        private static long udpReceiveBufferErrors() {
            try {
                List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                        .filter(line -> line.startsWith("Udp:")).toList();
                List<String> names = List.of(udp.get(0).split(" "));
                return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
            } catch (java.io.IOException | RuntimeException unavailable) {
                return 0;
            }
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** The writer threads of the recordings ({@code recording-*}), while they run. */
        private static long recorderThreadsCpu() {
            java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("recording-")) {
                    cpu += Math.max(0, mx.getThreadCpuTime(thread.getId()));
                }
            }
            return cpu;
        }
    }
}
