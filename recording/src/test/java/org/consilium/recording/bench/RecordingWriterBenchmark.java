package org.consilium.recording.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.envelope.SeekableEnvelope;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingListener;
import org.consilium.recording.RecordingOptions;
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
 *
 * <p>{@code modes}: {@code plain} (a buffered file), {@code encrypted} (as the product writes a
 * recording, {@code EncryptedRecordingFiles}: a SHA-256 {@link java.security.DigestOutputStream}
 * over an envelope of 16-KiB chunks, {@link Envelopes#encryptingTo}, over the unbuffered file,
 * with its data key wrapped by a KEK of a throwaway SoftHSM2 token), or both, comma-separated:
 * after one warm-up run of each, {@code rounds} rounds of the modes in turn (A B A B ...).
 *
 * <p>{@code hangUpSeconds} above 0: then one encrypted recording of that length, and the time
 * from {@link ParticipantRecording#stop()} to the file closed, and to it reopened with
 * {@link Envelopes#openSeekable(Path)}, complete and its last bytes read (playable); {@code hangUpRounds}
 * such recordings, one after the other.
 */
public final class RecordingWriterBenchmark {

    /** As ejb's EncryptedRecordingFiles.CHUNK_SIZE. */
    static final int CHUNK_SIZE = 16 * 1024;

    private RecordingWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 120);
        int videoKbps = Integer.getInteger("videoKbps", 1500);
        int participants = Integer.getInteger("participants", 2);
        List<String> modes = List.of(System.getProperty("modes", "plain").split(","));
        int rounds = Integer.getInteger("rounds", 1);
        int hangUpSeconds = Integer.getInteger("hangUpSeconds", 0);
        int hangUpRounds = Integer.getInteger("hangUpRounds", 1);
        for (String mode : modes) {
            if (!mode.equals("plain") && !mode.equals("encrypted")) {
                throw new IllegalArgumentException("modes: plain, encrypted or both (comma-separated), not " + mode);
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        System.out.printf(Locale.ROOT, "# recording writer: %d participants x %d s, Opus + VP8 %d kbit/s; modes %s,"
                        + " %d rounds after a warm-up run of each; %d cores, %s %s; load average %.2f%n", participants,
                seconds, videoKbps, String.join(" ", modes), rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), loadAverage());
        boolean encrypting = modes.contains("encrypted") || hangUpSeconds > 0;
        try (BenchEnvelopes keys = encrypting ? BenchEnvelopes.open() : null) {
            Envelopes envelopes = keys == null ? null : keys.envelopes().withChunkSize(CHUNK_SIZE);
            for (String mode : new java.util.LinkedHashSet<>(modes)) {
                run(dir, seconds, videoKbps, participants, mode, envelopes); // warm-up: JIT (AES-GCM and SHA-256 intrinsics too)
            }
            Map<String, List<Run>> results = new LinkedHashMap<>();
            System.out.println(Run.HEADER);
            for (int round = 1; round <= rounds; round++) {
                for (String mode : modes) {
                    Run run = run(dir, seconds, videoKbps, participants, mode, envelopes);
                    results.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
                    System.out.println(run.row(round));
                }
            }
            summarize(results, seconds * (double) participants);
            for (int round = 1; hangUpSeconds > 0 && round <= hangUpRounds; round++) {
                hangUp(dir, hangUpSeconds, videoKbps, participants, envelopes);
            }
        }
        System.exit(0);
    }

    /** One run's figures. */
    private record Run(String mode, int participants, int seconds, long packets, long bytesIn, long written,
                       long onDisk, long dropped, long processNanos, long feedingNanos, long wallNanos,
                       double nanosPerCall) {
        static final String HEADER = "| round | mode | process CPU s | % of one core per participant | feeding thread"
                + " CPU s | rest (writers, GC, JIT) CPU s | wall s | WebM MB | on disk MB | WebM MB/s (wall) |"
                + " ns per rtp() | dropped |\n|---|---|---|---|---|---|---|---|---|---|---|---|";

        double percentPerParticipant() {
            return 100.0 * processNanos / 1e9 / (seconds * (double) participants);
        }

        String row(int round) {
            return String.format(Locale.ROOT, "| %d | %s | %.2f | %.3f | %.2f | %.2f | %.2f | %.1f | %.1f | %.0f | %.0f | %d |",
                    round, mode, processNanos / 1e9, percentPerParticipant(), feedingNanos / 1e9,
                    (processNanos - feedingNanos) / 1e9, wallNanos / 1e9, written / 1e6, onDisk / 1e6,
                    written / 1e6 / (wallNanos / 1e9), nanosPerCall, dropped);
        }
    }

    private static Run run(Path dir, int seconds, int videoKbps, int participants, String mode, Envelopes envelopes)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        boolean encrypted = mode.equals("encrypted");
        System.gc(); // the previous run's garbage is not this run's
        long processBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        RecordingTimeline timeline = RecordingTimeline.startingNow();
        List<ParticipantRecording> recordings = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<ProductFile> sinks = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            Path path = dir.resolve("participant-" + i + (encrypted ? ".webm.csev" : ".webm"));
            files.add(path);
            OutputStream file;
            if (encrypted) {
                ProductFile sink = ProductFile.create(envelopes, path);
                sinks.add(sink);
                file = sink;
            } else {
                file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            }
            recordings.add(ParticipantRecording.start("bench-" + i, file, EnumSet.allOf(MediaKind.class), timeline,
                    RecordingOptions.defaults(), RecordingListener.NONE));
        }
        long mediaThreadBefore = threads.getCurrentThreadCpuTime();
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
        for (ProductFile sink : sinks) {
            sink.sha256(); // as the product, once the file is closed
        }
        long process = os.getProcessCpuTime() - processBefore;
        long wall = System.nanoTime() - wallBefore;
        long onDisk = 0;
        for (Path file : files) {
            onDisk += Files.size(file);
        }
        return new Run(mode, participants, seconds, packets[0] * participants, bytes[0] * participants, written, onDisk,
                dropped, process, feeding, wall, (double) inCalls[0] / (packets[0] * participants));
    }

    private static void summarize(Map<String, List<Run>> results, double mediaSeconds) {
        for (Map.Entry<String, List<Run>> mode : results.entrySet()) {
            List<Run> runs = mode.getValue();
            System.out.printf(Locale.ROOT, "%s: median %.3f %% of one core per recorded participant (%.2f s process CPU"
                            + " for %.0f media seconds), median %.0f MB/s of WebM (wall); runs: %s%n", mode.getKey(),
                    median(runs.stream().mapToDouble(Run::percentPerParticipant).toArray()),
                    median(runs.stream().mapToDouble(r -> r.processNanos() / 1e9).toArray()), mediaSeconds,
                    median(runs.stream().mapToDouble(r -> r.written() / 1e6 / (r.wallNanos() / 1e9)).toArray()),
                    Arrays.toString(runs.stream().mapToDouble(r -> Math.round(r.percentPerParticipant() * 1000) / 1000.0)
                            .toArray()));
        }
        List<Run> plain = results.get("plain");
        List<Run> encrypted = results.get("encrypted");
        if (plain != null && encrypted != null) {
            int pairs = Math.min(plain.size(), encrypted.size());
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                ratios[i] = encrypted.get(i).processNanos() / (double) plain.get(i).processNanos();
            }
            System.out.printf(Locale.ROOT, "encrypted / plain process CPU, by round: %s; median %.2f%n",
                    Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                    median(ratios));
        }
    }

    /**
     * A recording of {@code seconds}, encrypted as the product writes it; once the writers have
     * caught up (as at a real hang-up, where media comes in real time), each recording is
     * stopped and its file reopened through its envelope, as playback opens it.
     */
    private static void hangUp(Path dir, int seconds, int videoKbps, int participants, Envelopes envelopes)
            throws Exception {
        RecordingTimeline timeline = RecordingTimeline.startingNow();
        List<ParticipantRecording> recordings = new ArrayList<>();
        List<ProductFile> sinks = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long wallBefore = System.nanoTime();
        for (int i = 0; i < participants; i++) {
            Path path = dir.resolve("hang-up-" + i + ".webm.csev");
            files.add(path);
            ProductFile sink = ProductFile.create(envelopes, path);
            sinks.add(sink);
            recordings.add(ParticipantRecording.start("hang-up-" + i, sink, EnumSet.allOf(MediaKind.class), timeline,
                    RecordingOptions.defaults(), RecordingListener.NONE));
        }
        long start = System.nanoTime();
        SyntheticMediaAccess.generate(videoKbps, seconds, (kind, buffer, length, at) -> {
            for (ParticipantRecording recording : recordings) {
                while (recording.backlog() > 512) {
                    Thread.onSpinWait();
                }
                recording.rtp(kind, buffer, 0, length, start + at);
            }
        });
        for (ParticipantRecording recording : recordings) {
            while (recording.backlog() > 0) {
                LockSupport.parkNanos(100_000);
            }
        }
        long fed = System.nanoTime() - wallBefore;
        System.out.printf(Locale.ROOT, "# hang-up: %d participants x %d s (Opus + VP8 %d kbit/s), encrypted as the product"
                + " writes it; fed in %.2f s of wall time%n", participants, seconds, videoKbps, fed / 1e9);
        System.out.println("| participant | WebM MB | envelope MB | dropped | stop() → closed (ms) | closed → reopened,"
                + " complete, last 64 KiB read (ms) | hang-up → playable (ms) |\n|---|---|---|---|---|---|---|");
        long written = 0;
        long maxToPlayable = 0;
        for (int i = 0; i < participants; i++) {
            long t0 = System.nanoTime();
            RecordingStats stats = recordings.get(i).stop();
            String sha256 = sinks.get(i).sha256();
            long t1 = System.nanoTime();
            long length;
            try (SeekableEnvelope envelope = envelopes.openSeekable(files.get(i))) {
                if (!envelope.isComplete()) {
                    throw new IllegalStateException(files.get(i) + " is not complete after stop()");
                }
                length = envelope.length();
                byte[] tail = new byte[(int) Math.min(64 * 1024, length)];
                if (envelope.read(length - tail.length, tail, 0, tail.length) != tail.length) {
                    throw new IllegalStateException("short read at the end of " + files.get(i));
                }
            }
            long t2 = System.nanoTime();
            if (length != stats.bytesWritten() || sha256.isEmpty()) {
                throw new IllegalStateException("envelope holds " + length + " bytes, the writer wrote "
                        + stats.bytesWritten());
            }
            written += stats.bytesWritten();
            maxToPlayable = Math.max(maxToPlayable, t2 - t0);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %d | %.1f | %.1f | %.1f |%n", i,
                    stats.bytesWritten() / 1e6, Files.size(files.get(i)) / 1e6, stats.packetsDroppedQueueFull(),
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
        }
        long wall = System.nanoTime() - wallBefore;
        System.out.printf(Locale.ROOT, "hang-up: %.1f MB of WebM written encrypted in %.2f s wall (start to last file"
                        + " playable): %.0f MB/s; longest hang-up to playable %.1f ms%n", written / 1e6, wall / 1e9,
                written / 1e6 / (wall / 1e9), maxToPlayable / 1e6);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * A recording file as ejb's EncryptedRecordingFiles makes it: the file opened unbuffered, an
     * envelope of 16-KiB chunks over it, a SHA-256 digest of the plaintext over that.
     */
    static final class ProductFile extends OutputStream {
        private final java.security.DigestOutputStream out;
        private String sha256;

        private ProductFile(OutputStream encrypting) throws java.security.NoSuchAlgorithmException {
            this.out = new java.security.DigestOutputStream(encrypting,
                    java.security.MessageDigest.getInstance("SHA-256"));
        }

        static ProductFile create(Envelopes envelopes, Path path) throws IOException {
            OutputStream raw = Files.newOutputStream(path);
            try {
                return new ProductFile(envelopes.encryptingTo(raw));
            } catch (IOException | RuntimeException failed) {
                raw.close();
                throw failed;
            } catch (java.security.NoSuchAlgorithmException e) {
                raw.close();
                throw new IllegalStateException("no SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (sha256 == null) {
                sha256 = java.util.HexFormat.of().formatHex(out.getMessageDigest().digest());
            }
            out.close();
        }

        String sha256() {
            return sha256 == null ? "" : sha256;
        }
    }
}
