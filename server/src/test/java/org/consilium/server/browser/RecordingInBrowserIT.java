package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.SystemProperties;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The recording's promise end to end (issue 22), with real browsers sending real camera and
 * microphone: a three-person visit where two consent and one declines. The recording holds
 * exactly the two consenting participants' files; on the disk no file is readable without its
 * key (no WebM, Opus or VP8 signature anywhere); played back through the server the files are
 * WebM that ffprobe reads and ffmpeg decodes to frames; byte ranges work and out-of-bounds ones
 * are refused; the export bundle verifies offline and fails when its manifest is changed by one
 * byte; another clinician, an auditor and anyone forging ids get nothing; after the retention
 * passes, the job shreds it and playback is refused; every step is in the audit trail.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RecordingInBrowserIT extends InTheBrowser {

    private static final Duration WRITTEN = Duration.ofSeconds(60);
    /** Signatures of the plaintext: EBML (WebM) magic, the Opus header, the codecs' ids. */
    private static final List<byte[]> READABLE = List.of(HexFormat.of().parseHex("1a45dfa3"),
            "OpusHead".getBytes(StandardCharsets.US_ASCII), "V_VP8".getBytes(StandardCharsets.US_ASCII),
            "A_OPUS".getBytes(StandardCharsets.US_ASCII), "webm".getBytes(StandardCharsets.US_ASCII));

    @ArquillianResource
    ManagementClient management;

    private Path recordings;

    @BeforeEach
    void recordingAllowedOnAVolumeOfItsOwn() throws Exception {
        recordings = Files.createTempDirectory("consilium-recordings");
        SystemProperties.set(management, "consilium.recording.directory", recordings.toString());
        SystemProperties.set(management, "consilium.recording.min-free-mb", "16");
        RecordedFiles.recordingPolicy(true);
    }

    @AfterEach
    void asBefore() throws Exception {
        RecordedFiles.recordingPolicy(false);
        SystemProperties.unset(management, "consilium.recording.retention-check");
        SystemProperties.unset(management, "consilium.recording.min-free-mb");
        SystemProperties.unset(management, "consilium.recording.directory");
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update recording_retention set days = 30 where room_kind in ('VISIT', 'CONSULT')");
        }
    }

    @Test
    void twoConsentOneDeclinesAndOnlyTheirMediaIsWrittenEncryptedPlayableExportableAndShredded() throws Exception {
        long sequence = TestDatabase.lastAuditSequence();
        String roomId;
        String anaId;
        String mariaId;
        String joaoId;
        String link;
        try (Browser ana = new Browser(); Browser maria = new Browser(); Browser joao = new Browser()) {
            String room = "Recorded dermatology " + UUID.randomUUID().toString().substring(0, 8);
            link = createRoomAndInvitation(ana, room);
            ownerJoins(ana, room);
            roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
            guestJoins(maria, link, "Maria González");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            guestJoins(joao, link, "João Silva");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in João Silva']"));
            joao.visible("call");
            anaId = myId(ana);
            mariaId = myId(maria);
            joaoId = myId(joao);
            for (Browser page : List.of(ana, maria, joao)) {
                Poll.until(Visits.MEDIA, () -> page.all(By.cssSelector("#tiles .tile")).size(), n -> n == 3, "three tiles");
            }

            ana.click("record-button");
            for (Browser page : List.of(ana, maria, joao)) {
                page.visible("recording-consent");
            }
            ana.click("recording-consent-yes");
            maria.click("recording-consent-yes");
            joao.click("recording-consent-no");
            Poll.until(Browser.PATIENCE, () -> ana.text("recording-count"), "2 of 3 recorded"::equals, "two recorded");

            // They chat while recorded: the messages of the two who consented are kept, João's is not.
            chat(maria, MARIAS_MESSAGE);
            chat(joao, JOAOS_MESSAGE);
            chat(ana, "Thank you, Maria.");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#chat-log .chat-text")).size(), n -> n == 3,
                    "everyone's three messages on everyone's page");

            // Media is written while they talk: the two files grow (the writer keeps ~4 s back, then a cluster a second).
            Poll.until(WRITTEN, () -> encryptedBytes(), bytes -> bytes.size() == 4 && bytes.entrySet().stream()
                    .filter(e -> e.getKey().contains("-camera-")).allMatch(e -> e.getValue() > 64 * 1024),
                    "two media files of more than 64 KiB and two chat files on the disk");
            ana.click("record-button");
            Poll.until(Browser.PATIENCE, () -> ana.script("return document.getElementById('recording-indicator').hidden"),
                    Boolean.TRUE::equals, "the indicator gone");
            assertEquals(3, ana.all(By.cssSelector("#tiles .tile")).size(), "the call goes on");
        }

        Browserless owner = DemoStaff.signedIn("aortiz");
        JsonObject recording = Poll.until(WRITTEN, () -> RecordedFiles.latest(owner, roomId),
                r -> r != null && r.getJsonArray("files").size() == 4 && r.getString("stopReason", null) != null,
                "the stopped recording with its four files");
        assertEquals("stopped-by-host", recording.getString("stopReason"));
        JsonArray files = media(recording.getJsonArray("files"), false);
        JsonArray chats = media(recording.getJsonArray("files"), true);
        assertEquals(2, files.size());
        assertEquals(Set.of(anaId, mariaId), chats.getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("participant")).collect(Collectors.toSet()), "chat files of the two who consented");
        for (JsonObject chat : chats.getValuesAs(JsonObject.class)) {
            HttpResponse<byte[]> lines = owner.getBytes(chat.getString("url").replaceFirst("^/consilium", ""));
            assertEquals(200, lines.statusCode());
            assertTrue(lines.headers().firstValue("Content-Type").orElse("").startsWith("application/jsonl"));
            String text = new String(lines.body(), StandardCharsets.UTF_8);
            assertFalse(text.contains(JOAOS_MESSAGE), "João's message is not kept");
            if (chat.getString("participant").equals(mariaId)) {
                JsonObject line = json(text.strip());
                assertEquals(MARIAS_MESSAGE, line.getString("text"));
                assertEquals("Maria González", line.getString("from"));
                assertTrue(line.getJsonNumber("offsetMillis").longValue() > 0, line.toString());
            }
        }
        Set<String> recorded = files.getValuesAs(JsonObject.class).stream().map(f -> f.getString("participant"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(anaId, mariaId), recorded, "exactly the two who consented");
        assertFalse(recording.toString().contains("\"participant\":\"" + joaoId + "\",\"displayName\":\"João Silva\",\"kind\""),
                "no file of João's");
        Map<String, String> decisions = recording.getJsonArray("consents").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("participant"), c -> c.getString("decision")));
        assertEquals(Map.of(anaId, "given", mariaId, "given", joaoId, "declined"), decisions);

        // On the disk: nothing readable.
        for (Path file : onDisk()) {
            assertTrue(file.getFileName().toString().matches(".*\\.(webm|jsonl)\\.csev"), file.toString());
            assertFalse(file.getFileName().toString().contains(joaoId), "João's id names no file");
            byte[] bytes = Files.readAllBytes(file);
            List<byte[]> readable = new ArrayList<>(READABLE);
            readable.add(MARIAS_MESSAGE.getBytes(StandardCharsets.UTF_8));
            readable.add("\"text\"".getBytes(StandardCharsets.UTF_8));
            for (byte[] signature : readable) {
                assertEquals(-1, indexOf(bytes, signature), file + " holds " + new String(signature, StandardCharsets.ISO_8859_1));
            }
        }

        // Played back through the server: WebM that ffprobe reads and ffmpeg decodes.
        String recordingId = recording.getString("id");
        for (JsonObject file : files.getValuesAs(JsonObject.class)) {
            String url = file.getString("url").replaceFirst("^/consilium", "");
            HttpResponse<byte[]> whole = owner.getBytes(url);
            assertEquals(200, whole.statusCode());
            assertEquals("video/webm", whole.headers().firstValue("Content-Type").orElse(""));
            assertEquals("no-store", whole.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(file.getJsonNumber("bytes").longValue(), whole.body().length);
            assertEquals(0, indexOf(whole.body(), READABLE.get(0)), "a WebM");
            Path webm = Files.write(Files.createTempFile("recorded", ".webm"), whole.body());
            String streams = RecordedFiles.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                    webm.toString());
            assertTrue(streams.contains("opus") && streams.contains("vp8"), "ffprobe: " + streams);
            long frames = RecordedFiles.framesIn(whole);
            assertTrue(frames >= 25, "video frames decoded: " + frames);

            HttpResponse<byte[]> range = owner.getBytes(url, Map.of("Range", "bytes=100-199"));
            assertEquals(206, range.statusCode());
            assertEquals("bytes 100-199/" + whole.body().length, range.headers().firstValue("Content-Range").orElse(""));
            assertEquals(HexFormat.of().formatHex(java.util.Arrays.copyOfRange(whole.body(), 100, 200)),
                    HexFormat.of().formatHex(range.body()));
            assertEquals(416, owner.getBytes(url, Map.of("Range", "bytes=" + whole.body().length + "-")).statusCode());
        }

        // Whoever may not play it gets nothing, the same 404 as for ids that do not exist.
        String firstFile = files.getJsonObject(0).getString("url").replaceFirst("^/consilium", "");
        Browserless colleague = DemoStaff.signedIn("bokafor");
        assertEquals(404, colleague.getBytes(firstFile).statusCode(), "a clinician who does not run the room");
        assertEquals(404, colleague.get("/api/recordings/" + recordingId).statusCode());
        Browserless auditor = DemoStaff.signedIn("lchen");
        assertEquals(200, auditor.get("/api/recordings/" + recordingId).statusCode(), "an auditor sees the metadata");
        assertEquals(404, auditor.getBytes(firstFile).statusCode(), "but not the content");
        assertEquals(404, owner.getBytes("/recordings/" + UUID.randomUUID() + "/001-x.webm.csev").statusCode());
        assertEquals(404, owner.getBytes("/recordings/" + recordingId + "/..%2F..%2Fstandalone.xml").statusCode());
        assertEquals(404, owner.getBytes("/recordings/not-an-id/001-x.webm.csev").statusCode());
        HttpResponse<byte[]> anonymous = new Browserless().getBytes(firstFile);
        assertFalse(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("video/")
                || indexOf(anonymous.body(), READABLE.get(0)) == 0, "nobody signed in gets the sign-in page, not the file");

        // A host of the room plays it; a guest of the visit, in through the invitation again, does not.
        assertEquals(200, owner.put("/api/rooms/" + roomId + "/hosts/bokafor").statusCode());
        assertEquals(200, colleague.getBytes(firstFile).statusCode(), "a host of the room plays it");
        assertTrue(json(colleague.get("/api/recordings/" + recordingId).body()).getBoolean("playable"));
        Browserless guest = new Browserless();
        String joinPath = java.net.URI.create(link).getPath();
        HttpResponse<String> joinPage = guest.get(joinPath);
        assertEquals(303, guest.postForm(joinPath, org.consilium.server.support.GuestJoinForm.acknowledged(joinPage.body(),
                "Maria González")).statusCode(), "a guest session");
        assertEquals(401, guest.get("/api/recordings/" + recordingId).statusCode(), "a guest sees no recording");
        HttpResponse<byte[]> asGuest = guest.getBytes(firstFile);
        assertFalse(asGuest.statusCode() == 200 && asGuest.headers().firstValue("Content-Type").orElse("").startsWith("video/"),
                "a guest gets no file");
        assertEquals(-1, indexOf(asGuest.body(), READABLE.get(0)), "not a byte of WebM for a guest");

        // The export verifies offline, and not once its manifest is changed by one byte.
        HttpResponse<byte[]> export = owner.getBytes("/recordings/" + recordingId + "/export.zip");
        assertEquals(200, export.statusCode());
        Path bundle = RecordedFiles.unzip(export.body());
        assertEquals(0, RecordedFiles.verify(bundle), "the bundle as exported");
        try (var listing = Files.list(bundle)) {
            assertEquals(2, listing.filter(f -> f.toString().endsWith(".jsonl")).count(), "the chat in the bundle");
        }
        String manifest = Files.readString(bundle.resolve("manifest.json"));
        assertTrue(manifest.contains("\"kind\":\"chat\""), "the chat files are segments of the signed manifest");
        assertFalse(manifest.contains("\"file\":\"" + "001-" + joaoId), "no segment of João's");
        Files.writeString(bundle.resolve("manifest.json"), manifest.replaceFirst("stopped-by-host", "stopped-by-hosT"));
        assertEquals(1, RecordedFiles.verify(bundle), "a manifest changed by one byte");

        // The manifest was signed when the recording stopped, and kept: the export hands out those bytes,
        // and a consent changed in the database afterwards is caught rather than signed.
        try (Connection db = TestDatabase.asServer()) {
            var kept = db.createStatement().executeQuery("select manifest from recording where id = '" + recordingId + "'");
            assertTrue(kept.next() && kept.getBytes(1) != null, "the manifest signed at the stop");
            assertEquals(manifest, new String(kept.getBytes(1), StandardCharsets.UTF_8), "the export's manifest is the one kept");
            assertEquals(1, db.createStatement().executeUpdate("update recording_consent set decision = 'given'"
                    + " where recording_id = '" + recordingId + "' and participant = '" + joaoId + "'"));
        }
        HttpResponse<byte[]> refused = owner.getBytes("/recordings/" + recordingId + "/export.zip");
        assertEquals(409, refused.statusCode(), "a recording changed since its stop is not exported");
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("no longer match the manifest signed"),
                "and the refusal says why");
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update recording_consent set decision = 'declined'"
                    + " where recording_id = '" + recordingId + "' and participant = '" + joaoId + "'");
            var refusals = Poll.until(Browser.PATIENCE, () -> {
                try (var rows = db.createStatement().executeQuery("select count(*) from audit_event where action ="
                        + " 'recording-exported' and outcome = 'failure' and details like '%manifest-mismatch%'"
                        + " and sequence > " + sequence)) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }, n -> n == 1, "the refused export audited with outcome failure");
            assertEquals(1L, refusals);
        }

        // The retention passes: the job shreds it, playback is refused, the row stays.
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update recording_retention set days = 1 where room_kind = 'VISIT'");
            db.createStatement().executeUpdate("update recording set stopped_at = stopped_at - interval '2 days' "
                    + "where id = '" + recordingId + "'");
        }
        SystemProperties.set(management, "consilium.recording.retention-check", "PT1S");
        Poll.until(WRITTEN, () -> Files.exists(recordings.resolve(recordingId)), exists -> !exists,
                "the recording's files shredded by the retention job");
        assertEquals(404, owner.getBytes(firstFile).statusCode(), "nothing to play once shredded");
        assertEquals(404, owner.getBytes("/recordings/" + recordingId + "/export.zip").statusCode());
        JsonObject shredded = json(owner.get("/api/recordings/" + recordingId).body());
        assertTrue(shredded.containsKey("shreddedAt") && !shredded.isNull("shreddedAt"), shredded.toString());

        // Every step in the audit trail.
        List<String> actions = Poll.until(Browser.PATIENCE, () -> TestDatabase.auditAfter(sequence, "action").stream()
                .filter(action -> action.startsWith("recording-")).toList(),
                list -> list.contains("recording-deleted"), "the recording's audit events");
        for (String step : List.of("recording-started", "recording-consent", "recording-stopped", "recording-viewed",
                "recording-exported", "recording-deleted")) {
            assertTrue(actions.contains(step), step + " in " + actions);
        }
        assertEquals(3, actions.stream().filter("recording-consent"::equals).count(), "three answers: " + actions);
    }

    private static final String MARIAS_MESSAGE = "The rash started on Tuesday, after the new cream.";
    private static final String JOAOS_MESSAGE = "Please do not record what I write.";

    private static void chat(Browser page, String text) throws InterruptedException {
        page.type("chat-input", text);
        page.clickWhenEnabled(By.cssSelector("#chat-form button[type=submit]"));
    }

    /** The recording's media files, or its chat files. */
    private static JsonArray media(JsonArray files, boolean chat) {
        var kept = Json.createArrayBuilder();
        files.getValuesAs(JsonObject.class).stream().filter(f -> f.getString("kind").equals("chat") == chat)
                .forEach(kept::add);
        return kept.build();
    }

    /** The encrypted files on the recordings volume, by name, with their sizes. */
    private Map<String, Long> encryptedBytes() throws IOException {
        Map<String, Long> sizes = new java.util.HashMap<>();
        for (Path file : onDisk()) {
            sizes.put(file.getFileName().toString(), Files.size(file));
        }
        return sizes;
    }

    private List<Path> onDisk() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(recordings)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        return files;
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
