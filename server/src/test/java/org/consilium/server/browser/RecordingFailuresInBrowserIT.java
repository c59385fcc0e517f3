package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.SystemProperties;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A recording meets the machine's failures (issue 22, item 6): the recordings volume fills
 * up (a 2-MiB tmpfs) — the recording stops cleanly before the volume is full, everyone is
 * told why, the call goes on, a new start is refused with a sentence, and what was written
 * plays; and the appliance's JVM is killed mid-recording ({@code kill -9}) — started again,
 * it marks the recording interrupted, and its files play up to their last whole chunk, their
 * export verifies, and its manifest says they stopped early.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RecordingFailuresInBrowserIT extends InTheBrowser {

    private static final Duration WRITTEN = Duration.ofSeconds(60);
    /** The plaintext bytes a recording's media file seals at a time (RecordingStorage.MEDIA_CHUNK_BYTES). */
    private static final int MEDIA_CHUNK = 16 * 1024;
    /** A megabyte of headless Chromium's test pattern, two participants, after the writer's few seconds of lag. */
    private static final Duration FILLING = Duration.ofSeconds(120);

    @ArquillianResource
    ManagementClient management;

    private Path mounted;

    @BeforeEach
    void recordingAllowed() throws Exception {
        RecordedFiles.recordingPolicy(true);
    }

    @AfterEach
    void asBefore() throws Exception {
        RecordedFiles.recordingPolicy(false);
        SystemProperties.unset(management, "consilium.recording.min-free-mb");
        SystemProperties.unset(management, "consilium.recording.directory");
        if (mounted != null) {
            RecordedFiles.run("umount", mounted.toString());
        }
    }

    @Test
    void aFullVolumeStopsTheRecordingCleanlyEveryoneIsToldAndTheCallGoesOn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a 2-MiB tmpfs needs root");
        mounted = Files.createTempDirectory("consilium-full-volume");
        RecordedFiles.run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", mounted.toString());
        SystemProperties.set(management, "consilium.recording.directory", mounted.toString());
        SystemProperties.set(management, "consilium.recording.min-free-mb", "1");

        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Full volume " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            anaLetsMariaIn(ana, maria, room, link);
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
            ana.click("record-button");
            ana.click("recording-consent-yes");
            maria.click("recording-consent-yes");

            Browserless owner = DemoStaff.signedIn("aortiz");
            Path volume = mounted;
            Poll.until(FILLING, () -> RecordedFiles.latest(owner, roomId), r -> r != null
                    && "storage-full".equals(r.getString("stopReason", null)), "the recording stopped for a full volume "
                    + "(free now: " + Files.getFileStore(volume).getUsableSpace() + " bytes)");
            for (Browser page : List.of(ana, maria)) {
                Poll.until(Browser.PATIENCE, () -> page.script("var n = document.getElementById('recording-stopped');"
                                + " return n.hidden ? '' : n.querySelector('p').textContent;"),
                        reason -> String.valueOf(reason).contains("storage is full"), "told the recording stopped: storage full");
                Poll.until(Browser.PATIENCE, () -> page.script("return document.getElementById('recording-indicator').hidden"),
                        Boolean.TRUE::equals, "no indicator once stopped");
            }
            ana.screenshot("recording-storage-full");
            long framesBefore = Visits.framesFrom(ana, Visits.myId(maria));
            Poll.until(Visits.MEDIA, () -> Visits.framesFrom(ana, Visits.myId(maria)), frames -> frames > framesBefore + 30,
                    "the call goes on: Ana still decodes Maria");

            // A new start is refused with a sentence; the call is untouched.
            ana.click("record-button");
            Poll.until(Browser.PATIENCE, ana::pageText, text -> text.contains("recording storage is nearly full"),
                    "the refusal said on Ana's page");
            assertFalse((Boolean) maria.script("return document.getElementById('recording-consent').open"),
                    "nobody is asked to consent to a refused recording");

            // What was written is whole: each file plays.
            JsonObject recording = Poll.until(WRITTEN, () -> RecordedFiles.latest(owner, roomId),
                    r -> r != null && "storage-full".equals(r.getString("stopReason", null)) && r.getJsonArray("files").size() == 2,
                    "the recording stopped for a full volume, with both files");
            for (JsonObject file : recording.getJsonArray("files").getValuesAs(JsonObject.class)) {
                assertTrue(file.getBoolean("complete"), "closed cleanly: " + file);
                assertTrue(RecordedFiles.framesIn(owner.getBytes(file.getString("url"))) > 0, "frames in " + file.getString("name"));
            }
        }
    }

    @Test
    void killedMidRecordingItsFilesPlayToTheLastChunkAndTheManifestSaysWhereTheyStopped() throws Exception {
        Path volume = Files.createTempDirectory("consilium-node2-recordings");
        List<String> properties = List.of("-Dconsilium.recording.directory=" + volume, "-Dconsilium.recording.min-free-mb=16");
        String roomId;
        try (ClusterNode node2 = ClusterNode.start(2, properties)) {
            String base = "https://" + node2.address() + ":" + Ports.HTTPS;
            try (Browser ana = new Browser(base); Browser maria = new Browser(base)) {
                String room = "Killed mid-recording " + UUID.randomUUID().toString().substring(0, 8);
                String link = createRoomAndInvitation(ana, room);
                anaLetsMariaIn(ana, maria, room, link); // on node 2: the browsers connected there first
                roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
                ana.click("record-button");
                ana.click("recording-consent-yes");
                maria.click("recording-consent-yes");
                Poll.until(WRITTEN, () -> sizes(volume).values(), sizes -> sizes.size() == 2
                        && sizes.stream().allMatch(n -> n > 160 * 1024), "both files past 160 KiB on node 2's volume");
                node2.kill();
            }
        }
        Map<String, Long> onDisk = sizes(volume);
        try (ClusterNode node2 = ClusterNode.start(2, properties)) {
            String base = "https://" + node2.address() + ":" + Ports.HTTPS;
            Browserless owner = DemoStaff.signedIn(new Browserless(base), "aortiz");
            JsonObject recording = Poll.until(WRITTEN, () -> RecordedFiles.latest(owner, roomId),
                    r -> r != null && "interrupted".equals(r.getString("stopReason", null)),
                    "the recording marked interrupted as node 2 started again");
            JsonArray files = recording.getJsonArray("files");
            assertEquals(2, files.size(), recording.toString());
            for (JsonObject file : files.getValuesAs(JsonObject.class)) {
                assertFalse(file.getBoolean("complete"), "cut short: " + file);
                String name = file.getString("name");
                HttpResponse<byte[]> played = owner.getBytes(file.getString("url"));
                long served = played.body().length;
                long frames = RecordedFiles.framesIn(played);
                long packets = RecordedFiles.videoPackets(played);
                String what = name + ": " + served + " bytes served of " + onDisk.get(name) + " on disk, " + packets
                        + " video packets, " + frames + " frames decoded";
                System.out.println("played " + what);
                // up to its last whole chunk: whole chunks only, and nothing but the unsealed tail (under a
                // chunk) and the envelope's overhead (header, a tag per chunk) short of what is on disk
                assertEquals(0, served % MEDIA_CHUNK, "whole chunks: " + what);
                assertTrue(served > onDisk.get(name) - 2 * MEDIA_CHUNK, "every whole chunk on disk: " + what);
                assertTrue(packets >= 10, "video in it: " + what);
                assertTrue(frames >= packets, "every frame in it decodes: " + what);
            }
            HttpResponse<byte[]> export = owner.getBytes("/recordings/" + recording.getString("id") + "/export.zip");
            assertEquals(200, export.statusCode());
            Path bundle = RecordedFiles.unzip(export.body());
            String manifest = Files.readString(bundle.resolve("manifest.json"));
            assertTrue(manifest.contains("\"stopReason\":\"interrupted\""), manifest);
            assertTrue(manifest.contains("\"complete\":false"), manifest);
            assertEquals(0, RecordedFiles.verify(bundle), "a cut-short recording's export verifies (with warnings)");
        }
    }

    /** The files under node 2's recordings folder and their sizes, by name. */
    private static Map<String, Long> sizes(Path volume) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (var walk = Files.walk(volume)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    sizes.put(file.getFileName().toString(), Files.size(file));
                } catch (IOException gone) {
                    sizes.put(file.getFileName().toString(), 0L);
                }
            });
        }
        return sizes;
    }

}
