package org.consilium.recording.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's ffmpeg and ffprobe, run as processes. A developer's plain {@code mvn test} without
 * them skips the tests that need them; under {@code ./consilium test}, which installs ffmpeg
 * and sets CONSILIUM_REQUIRE_FFMPEG, a missing one fails instead.
 */
public final class Ffmpeg {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Ffmpeg() {
    }

    public static void require() {
        boolean present = onPath("ffmpeg") && onPath("ffprobe");
        if (!present && System.getenv("CONSILIUM_REQUIRE_FFMPEG") != null) {
            throw new IllegalStateException("ffmpeg and ffprobe are not installed (apt-get install ffmpeg)");
        }
        Assumptions.assumeTrue(present, "ffmpeg and ffprobe are not installed");
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ffmpeg", ".out");
        Path err = Files.createTempFile("ffmpeg", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Decodes every stream to nothing; what ffmpeg says at level error (empty when the file is sound). */
    public static Result decode(Path file) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
    }

    /** ffprobe's streams with their decoded frame counts, as flat keys ({@code streams.stream.0.codec_name}). */
    public static Map<String, String> streams(Path file) throws IOException, InterruptedException {
        Map<String, String> values = streamsIfReadable(file);
        if (values == null) {
            throw new AssertionError("ffprobe could not read " + file);
        }
        return values;
    }

    /** As {@link #streams}, or null when ffprobe cannot read the file at all. */
    public static Map<String, String> streamsIfReadable(Path file) throws IOException, InterruptedException {
        Result result = run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=index,codec_name,codec_type,width,height,channels,nb_read_frames", "-of", "flat",
                file.toString()));
        if (result.exitCode() != 0) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).replace("\"", ""));
            }
        }
        return values;
    }

    /** One demuxed packet as ffprobe lists it. */
    public record ProbedPacket(int stream, double ptsSeconds, long position, int size, boolean keyframe) {
    }

    public static List<ProbedPacket> packets(Path file) throws IOException, InterruptedException {
        Result result = run(List.of("ffprobe", "-v", "error", "-show_entries",
                "packet=stream_index,pts_time,pos,size,flags", "-of", "csv=p=0", file.toString()));
        if (result.exitCode() != 0) {
            throw new AssertionError("ffprobe failed on " + file + ": " + result.stderr());
        }
        List<ProbedPacket> packets = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.trim().split(",");
            if (fields.length >= 5) {
                packets.add(new ProbedPacket(Integer.parseInt(fields[0]), Double.parseDouble(fields[1]),
                        Long.parseLong(fields[3]), Integer.parseInt(fields[2]), fields[4].startsWith("K")));
            }
        }
        return packets;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
