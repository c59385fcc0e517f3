package org.consilium.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.consilium.audit.verify.Main;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.TestDatabase;

/** What the recording tests do with what the server recorded: list it, decode it with ffmpeg, unzip and verify its export. */
final class RecordedFiles {

    private static final Duration SERVER_SEES_DATABASE = Duration.ofSeconds(30);

    private RecordedFiles() {
    }

    /** Allows recording (or not) in the room policy, and waits until the server has read it (AdminConsolePoliciesIT's way). */
    static void recordingPolicy(boolean allowed) throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            Browserless ana = DemoStaff.signedIn("aortiz");
            for (boolean lobby : new boolean[] {false, true}) {
                db.createStatement().executeUpdate("update room_policy set lobby_by_default = " + lobby
                        + ", recording_allowed = " + allowed + " where id = 1");
                Poll.until(SERVER_SEES_DATABASE, () -> ana.postJson("/api/rooms",
                                "{\"displayName\":\"Policy check\",\"kind\":\"visit\"}").body(),
                        created -> created.contains("\"lobby\":" + lobby), "the server reading the policy (lobby " + lobby + ")");
            }
        }
    }

    /** The room's latest recording's metadata, or null when it has none. */
    static JsonObject latest(Browserless owner, String roomId) throws Exception {
        HttpResponse<String> list = owner.get("/api/recordings?room=" + roomId);
        assertEquals(200, list.statusCode(), list.body());
        JsonArray recordings = Json.createReader(new StringReader(list.body())).readArray();
        return recordings.isEmpty() ? null : recordings.getJsonObject(0);
    }

    /** The video frames ffmpeg decodes from a file played back by the server (which must have answered 200). */
    static long framesIn(HttpResponse<byte[]> played) throws Exception {
        assertEquals(200, played.statusCode());
        Path webm = Files.write(Files.createTempFile("played", ".webm"), played.body());
        String decoded = run("ffmpeg", "-v", "error", "-i", webm.toString(), "-map", "0:v", "-f", "framemd5", "-");
        return decoded.lines().filter(line -> !line.startsWith("#")).count();
    }

    /** The video packets ffprobe reads from a file played back by the server (which must have answered 200). */
    static long videoPackets(HttpResponse<byte[]> played) throws Exception {
        assertEquals(200, played.statusCode());
        Path webm = Files.write(Files.createTempFile("played", ".webm"), played.body());
        String probe = run("ffprobe", "-v", "quiet", "-select_streams", "v", "-count_packets", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", webm.toString());
        return Long.parseLong(probe.strip());
    }

    /** Unzips an export and returns its bundle's folder (entries may not leave the directory). */
    static Path unzip(byte[] zip) throws IOException {
        Path directory = Files.createTempDirectory("recording-export");
        Path bundle = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = directory.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(directory), entry.getName());
                if (!entry.isDirectory()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                    bundle = target.getParent();
                }
            }
        }
        return bundle;
    }

    /** The offline verifier's exit status for the bundle, against the appliance's audit key (as an auditor fetches it). */
    static int verify(Path bundle) throws Exception {
        Browserless auditor = DemoStaff.signedIn("lchen");
        Path key = Files.writeString(Files.createTempFile("audit", ".pem"), auditor.get("/api/audit/public-key").body());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        int status = Main.run(new String[] {"verify-recording", "--public-key", key.toString(), bundle.toString()}, out, out);
        System.out.println(report.toString(StandardCharsets.UTF_8));
        return status;
    }

    /** Runs a command to its end; fails the test if it fails. Returns what it printed. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + text);
        return text;
    }
}
