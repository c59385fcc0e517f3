package org.consilium.videobridge.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;

/**
 * Runs a scenario at rising sizes against an in-process bridge on loopback and prints one
 * row per size. The bridge runs on threads named {@code bridge-*}; its CPU time and
 * allocation are read per thread, so the generator's own work is not counted.
 *
 * <pre>
 * mvn -q -pl videobridge -Pbenchmark test-compile exec:exec -Dscenario=star -Dsizes=4,8,12,16 -DvideoKbps=500 -Dseconds=10
 * </pre>
 * Add {@code -Dplot=docs/bridge-star.png} for a PNG of CPU per Mpkt and p99 transit against load.
 * Scenarios: {@code star} (one conference of K, everyone sends audio and video, everyone
 * receives everyone), {@code pairs} (N one-to-one visits), {@code hub} (a tele-ICU
 * station receiving M bedside rooms, which receive nothing), {@code tumor-board}
 * (simulcast publishers, receivers with last-N and height limits: {@link TumorBoard};
 * {@code -DnoAllocation=true} for everyone at the top layer), {@code layer-switch} (the
 * time a height change takes to reach the receiver: {@link LayerSwitchLatency}),
 * {@code bandwidth-cap} (receivers behind capped links with transport-cc: what a bandwidth
 * drop does, {@link BandwidthCapLatency}), {@code cascade} (a grand round of one presenter
 * and N viewers over two bridges joined by a relay: {@link GrandRoundCascade}), {@code visits}
 * (N one-to-one visits as browsers make them: SDP with Opus and VP8, one camera stream of
 * real VP8 payload at {@code videoKbps}, keyframes every {@code keyframeEvery} frames and
 * on request; what a recorder can tap).
 *
 * <p>Other modules run a scenario with {@link #run(String, int, int, int, Hooks)} to add
 * their own work to the bridge (the recording module's benchmark taps every publisher).
 */
public final class LoadGenerator {

    /**
     * Work added to a run, called on the generator's thread: after everyone joined (before
     * the warm-up), at the start and the end of the measured window, and before everyone
     * leaves.
     */
    public interface Hooks {
        Hooks NONE = new Hooks() {
        };

        /** Everyone has joined and is connected; media starts after this returns. */
        default void joined(Videobridge bridge, List<Endpoint> endpoints) throws Exception {
        }

        default void measuring() {
        }

        /** The measured window is over (before the generator waits for packets in flight). */
        default void measured() {
        }

        /** After the row is computed, before the participants leave and the bridge stops. */
        default void leaving() throws Exception {
        }
    }

    private static final long WARMUP_NANOS = 3_000_000_000L;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("scenario", "star");
        int[] sizes = Arrays.stream(System.getProperty("sizes", "2,4,6,8").split(",")).mapToInt(Integer::parseInt).toArray();
        int videoKbps = Integer.getInteger("videoKbps", 500);
        int seconds = Integer.getInteger("seconds", 10);
        System.out.printf(Locale.ROOT, "# scenario %s, video %d kbit/s, %d s measured after %d s warm-up, %d cores%n",
                scenario, videoKbps, seconds, WARMUP_NANOS / 1_000_000_000L, Runtime.getRuntime().availableProcessors());
        if (scenario.equals("tumor-board")) {
            System.out.println("# " + TumorBoard.Options.fromSystemProperties());
        }
        if (scenario.equals("cascade")) {
            System.out.println(GrandRoundCascade.HEADER);
        } else if (!scenario.equals("layer-switch") && !scenario.equals("bandwidth-cap")) {
            System.out.println(Result.HEADER);
        }
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            Result result = run(scenario, size, videoKbps, seconds);
            if (result != null) {
                results.add(result);
                System.out.println(result);
            }
        }
        String plot = System.getProperty("plot", "");
        if (!plot.isBlank()) {
            LoadPlot.write(results, String.format(Locale.ROOT, "videobridge, scenario %s, video %d kbit/s, %d cores",
                    scenario, videoKbps, Runtime.getRuntime().availableProcessors()), java.nio.file.Path.of(plot));
            System.out.println("# plot written to " + plot);
        }
        System.exit(0);
    }

    static Result run(String scenario, int size, int videoKbps, int seconds) throws Exception {
        return run(scenario, size, videoKbps, seconds, Hooks.NONE);
    }

    /** One row: {@code scenario} at {@code size}, 3 s of warm-up, {@code seconds} measured, with {@code hooks}. */
    public static Result run(String scenario, int size, int videoKbps, int seconds, Hooks hooks) throws Exception {
        if (scenario.equals("cascade")) {
            GrandRoundCascade.run(size, videoKbps, seconds);
            return null;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bridge-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<LoadParticipant> participants = new ArrayList<>();
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            int receiversPerPacket;
            TumorBoard board = null;
            if (scenario.equals("layer-switch")) {
                LayerSwitchLatency.run(bridge, size, seconds);
                return null;
            } else if (scenario.equals("bandwidth-cap")) {
                BandwidthCapLatency.run(bridge, size, seconds);
                return null;
            } else if (scenario.equals("tumor-board")) {
                board = TumorBoard.join(bridge.mediaAddress(), bridge.conference("tumor-board"), size,
                        TumorBoard.Options.fromSystemProperties());
                participants.addAll(board.participants());
                receiversPerPacket = -1; // what each receiver gets changes with the speaker: see below
            } else if (scenario.equals("pairs")) {
                for (int visit = 0; visit < size; visit++) {
                    Conference conference = bridge.conference("visit-" + visit);
                    participants.add(LoadParticipant.join(bridge.mediaAddress(), conference, "a", videoKbps));
                    participants.add(LoadParticipant.join(bridge.mediaAddress(), conference, "b", videoKbps));
                }
                receiversPerPacket = 1;
            } else if (scenario.equals("visits")) {
                List<SimulcastCamera.Layer> camera = List.of(new SimulcastCamera.Layer(1280, 720, videoKbps));
                int keyframeEvery = Integer.getInteger("keyframeEvery", 60);
                for (int visit = 0; visit < size; visit++) {
                    Conference conference = bridge.conference("visit-" + visit);
                    participants.add(LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "a", true,
                            camera, keyframeEvery, new ReceivedLayers()));
                    participants.add(LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "b", true,
                            camera, keyframeEvery, new ReceivedLayers()));
                    Endpoint a = conference.endpoint("a").orElseThrow();
                    Endpoint b = conference.endpoint("b").orElseThrow();
                    a.selectSources(b.sources());
                    b.selectSources(a.sources());
                }
                receiversPerPacket = 1;
            } else if (scenario.equals("hub")) {
                // Tele-ICU: M bedside rooms send; one central station receives them all, and
                // the bedsides receive nothing (not each other).
                Conference conference = bridge.conference("icu");
                participants.add(LoadParticipant.join(bridge.mediaAddress(), conference, "hub", videoKbps, false));
                for (int bed = 0; bed < size; bed++) {
                    participants.add(LoadParticipant.join(bridge.mediaAddress(), conference, "bed-" + bed, videoKbps));
                }
                conference.endpoints().forEach(e -> e.selectSources(List.of()));
                conference.endpoint("hub").orElseThrow().selectSources(conference.sourcesFor("hub"));
                receiversPerPacket = 1;
            } else {
                Conference conference = bridge.conference("consult");
                for (int i = 0; i < size; i++) {
                    participants.add(LoadParticipant.join(bridge.mediaAddress(), conference, "p" + i, videoKbps));
                }
                receiversPerPacket = size - 1;
            }
            hooks.joined(bridge, bridge.conferences().stream().flatMap(c -> c.endpoints().stream()).toList());
            long start = System.nanoTime();
            long measureFrom = start + WARMUP_NANOS;
            long end = measureFrom + seconds * 1_000_000_000L;
            BridgeThreads before = null;
            long sentBefore = 0;
            long receivedBefore = 0;
            long forwardedBefore = 0;
            long bytesBefore = 0;
            long kernelDropsBefore = 0;
            long[] personBytesBefore = new long[board == null ? 0 : board.people().size()];
            long longestLoopNanos = 0;
            long previousLoop = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                if (before != null) {
                    longestLoopNanos = Math.max(longestLoopNanos, now - previousLoop);
                }
                previousLoop = now;
                for (LoadParticipant participant : participants) {
                    participant.sendDue(now);
                }
                if (board != null) {
                    board.step(now);
                }
                if (before == null && now >= measureFrom) {
                    hooks.measuring();
                    before = BridgeThreads.read();
                    bridge.transitTimes().interval(); // discard the warm-up's
                    sentBefore = participants.stream().mapToLong(LoadParticipant::packetsSent).sum();
                    receivedBefore = participants.stream().mapToLong(LoadParticipant::packetsReceived).sum();
                    forwardedBefore = bridge.counters().packetsOut();
                    bytesBefore = bridge.counters().bytesOut();
                    kernelDropsBefore = udpReceiveBufferErrors();
                    for (int i = 0; i < personBytesBefore.length; i++) {
                        personBytesBefore[i] = board.people().get(i).bytesReceived();
                    }
                }
                LockSupport.parkNanos(1_000_000); // pacing the senders, not waiting for a result
            }
            BridgeThreads after = BridgeThreads.read();
            Histogram transit = bridge.transitTimes().interval();
            hooks.measured();
            long forwarded = bridge.counters().packetsOut() - forwardedBefore;
            long sent = participants.stream().mapToLong(LoadParticipant::packetsSent).sum() - sentBefore;
            long bytes = bridge.counters().bytesOut() - bytesBefore;
            long received = awaitQuiet(participants) - receivedBefore;
            if (board != null) {
                printPerReceiver(board, personBytesBefore, seconds);
            }
            // Where lost copies went: the bridge's own drops and failed sends, and datagrams
            // the kernel dropped because a socket's receive buffer was full (any socket).
            // A starved machine (other work on the cores) shows as kernel drops and as a send loop
            // that stalled: its pacing is 1 ms, so tens of ms mean the generator did not run.
            System.err.printf(java.util.Locale.ROOT, "  %s %d: bridge drops %s, send failures %d, kernel receive-buffer drops %d;"
                    + " longest send-loop pause %d ms; receivers sent %d PLIs and %d NACKs%n",
                    scenario, size, nonZero(bridge.counters().dropsByReason()), bridge.counters().sendFailures(),
                    udpReceiveBufferErrors() - kernelDropsBefore, longestLoopNanos / 1_000_000,
                    participants.stream().mapToLong(LoadParticipant::plisSent).sum(),
                    participants.stream().mapToLong(LoadParticipant::nacksSent).sum());
            // In the tumor board the copies due change with every speaker: measured against what the
            // bridge sent (its own RTCP included), so "received loss" is what the network and generator lost.
            long expected = receiversPerPacket < 0 ? forwarded : sent * receiversPerPacket;
            Result result = new Result(scenario, size, participants.size(), seconds, forwarded, bytes,
                    after.cpuNanos - before.cpuNanos, after.allocatedBytes - before.allocatedBytes, transit,
                    expected, received, liveHeap());
            hooks.leaving();
            return result;
        } finally {
            participants.forEach(LoadParticipant::close);
            executor.shutdownNow();
        }
    }

    /** Forwarded bit rate per person (tiles and stage endpoint together), and the keyframe traffic. */
    private static void printPerReceiver(TumorBoard board, long[] bytesBefore, int seconds) {
        double[] mbps = new double[bytesBefore.length];
        for (int i = 0; i < mbps.length; i++) {
            mbps[i] = (board.people().get(i).bytesReceived() - bytesBefore[i]) * 8 / 1e6 / seconds;
        }
        double[] sorted = mbps.clone();
        Arrays.sort(sorted);
        List<LoadParticipant> all = board.participants();
        System.err.printf(Locale.ROOT, "  tumor-board %d: per receiver Mbit/s (SRTP payload and headers, no UDP/IP)"
                        + " mean %.2f, min %.2f, median %.2f, max %.2f; %d speaker changes; publishers got %d keyframe"
                        + " requests and sent %d keyframes (all layers) since joining; video sequence gaps seen by"
                        + " receivers: %d where the layer changed, %d within a layer%n",
                board.people().size(), Arrays.stream(mbps).average().orElse(0), sorted[0], sorted[sorted.length / 2],
                sorted[sorted.length - 1], board.speakerChanges(),
                all.stream().mapToLong(LoadParticipant::keyframeRequestsReceived).sum(),
                all.stream().mapToLong(LoadParticipant::keyframesSent).sum(),
                all.stream().mapToLong(p -> p.received().gapsAtSwitches()).sum(),
                all.stream().mapToLong(p -> p.received().gapsWithinLayers()).sum());
    }

    private static java.util.Map<?, Long> nonZero(java.util.Map<?, Long> counts) {
        java.util.Map<Object, Long> shown = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        counts.forEach((reason, count) -> {
            if (count > 0) {
                shown.put(reason, count);
            }
        });
        return shown;
    }

    /**
     * The heap still in use after a full collection, while everyone is still connected:
     * the bridge's caches and state plus the generator's (the same JVM), measured after the
     * measured window so the collection does not disturb it.
     */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Linux's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp), or 0 elsewhere. */
    private static long udpReceiveBufferErrors() {
        try {
            List<String> udp = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split(" "));
            return Long.parseLong(udp.get(1).split(" ")[names.indexOf("RcvbufErrors")]);
        } catch (java.io.IOException | RuntimeException unavailable) {
            return 0;
        }
    }

    /** Lets packets in flight arrive: returns the received total once it stops changing. */
    private static long awaitQuiet(List<LoadParticipant> participants) {
        long previous = -1;
        long current = participants.stream().mapToLong(LoadParticipant::packetsReceived).sum();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (current != previous && System.nanoTime() < deadline) {
            previous = current;
            LockSupport.parkNanos(50_000_000);
            current = participants.stream().mapToLong(LoadParticipant::packetsReceived).sum();
        }
        return current;
    }

    /** CPU time and allocation of every live bridge-* thread. */
    private record BridgeThreads(long cpuNanos, long allocatedBytes) {
        static BridgeThreads read() {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu = 0;
            long allocated = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("bridge-")) {
                    cpu += Math.max(0, mx.getThreadCpuTime(thread.getId()));
                    allocated += Math.max(0, mx.getThreadAllocatedBytes(thread.getId()));
                }
            }
            return new BridgeThreads(cpu, allocated);
        }
    }
}
