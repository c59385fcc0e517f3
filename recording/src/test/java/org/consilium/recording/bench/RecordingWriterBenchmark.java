package org.consilium.recording.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingOptions;
import org.consilium.recording.RecordingListener;
import org.consilium.recording.RecordingStats;
import org.consilium.recording.SyntheticMediaAccess;
import org.consilium.recording.timing.RecordingTimeline;

/**
 * CPU per recorded participant: {@code participants} synthetic participants (Opus plus VP8 at
 * {@code videoKbps}), {@code seconds} of media each, fed as fast as the writers take it to
 * files under target/bench. CPU is the process's (every thread: the feeding thread with the
 * packet generator, the writers, GC, JIT) after a warm-up run, divided by the media seconds
 * recorded: an upper bound of the recording's own. The media thread's share is the time
 * inside {@code rtp()} calls. See docs/performance.md for the command.
 */
public final class RecordingWriterBenchmark {

    private RecordingWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 120);
        int videoKbps = Integer.getInteger("videoKbps", 1500);
        int participants = Integer.getInteger("participants", 2);
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        run(dir, Math.min(seconds, 30), videoKbps, participants, false); // warm-up: JIT
        run(dir, seconds, videoKbps, participants, true);
    }

    private static void run(Path dir, int seconds, int videoKbps, int participants, boolean report) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        RecordingTimeline timeline = RecordingTimeline.startingNow();
        List<ParticipantRecording> recordings = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            OutputStream file = new BufferedOutputStream(Files.newOutputStream(dir.resolve("participant-" + i + ".webm")),
                    1 << 16);
            recordings.add(ParticipantRecording.start("bench-" + i, file, EnumSet.allOf(MediaKind.class), timeline,
                    RecordingOptions.defaults(), RecordingListener.NONE));
        }
        long processBefore = os.getProcessCpuTime();
        long mediaThreadBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        long[] packets = new long[1];
        long[] bytes = new long[1];
        long[] inCalls = new long[1];
        long start = System.nanoTime();
        SyntheticMediaAccess.generate(videoKbps, seconds, (kind, buffer, length, at) -> {
            for (ParticipantRecording recording : recordings) {
                while (recording.backlog() > 512) {
                    Thread.onSpinWait(); // the benchmark, not the bridge, waits: nothing may drop
                }
                long before = System.nanoTime();
                recording.rtp(kind, buffer, 0, length, start + at);
                inCalls[0] += System.nanoTime() - before;
            }
            packets[0]++;
            bytes[0] += length;
        });
        long feeding = threads.getCurrentThreadCpuTime() - mediaThreadBefore;
        long dropped = 0;
        long written = 0;
        for (ParticipantRecording recording : recordings) {
            RecordingStats stats = recording.stop();
            dropped += stats.packetsDroppedQueueFull();
            written += stats.bytesWritten();
        }
        long process = os.getProcessCpuTime() - processBefore;
        long wall = System.nanoTime() - wallBefore;
        if (report) {
            double mediaSeconds = (double) seconds * participants;
            System.out.printf("%d participants x %d s (Opus + VP8 %d kbit/s): %d packets and %.1f MB in, %.1f MB of WebM"
                            + " out, %d dropped, %.2f s wall%n", participants, seconds, videoKbps, packets[0] * participants,
                    bytes[0] * participants / 1e6, written / 1e6, dropped, wall / 1e9);
            System.out.printf("process CPU %.2f s: %.2f%% of one core per recorded participant in real time%n",
                    process / 1e9, 100.0 * process / 1e9 / mediaSeconds);
            System.out.printf("media thread: %.0f ns per rtp() call (copy + enqueue, wall time inside the calls);"
                    + " the feeding thread used %.2f s CPU in all (generator and back-off included)%n",
                    (double) inCalls[0] / (packets[0] * participants), feeding / 1e9);
        }
    }
}
