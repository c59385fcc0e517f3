package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.inRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Recordings played back in the browser (issue 22, item 4): the home page lists a room's
 * recordings (and says when there are none), the recording page shows a recording's times, who
 * started it, why it stopped, its files labelled with the participants' names (an interrupted
 * one says it ends early) and the consent answers; a recording that is not there, or not the
 * caller's, is "not found"; an auditor sees the metadata and a note that the content is for the
 * room's owner and hosts. The recordings of these page states are written into the database as
 * the recorder writes them. Screenshots at desktop (1280×800) and phone (390×844) sizes, and
 * axe-core finds nothing serious.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RecordingPlaybackInBrowserIT extends InTheBrowser {

    @Test
    void theHomePageListsRecordingsAndThePageShowsTheirDetailsToWhoeverMaySeeThem() throws Exception {
        try (Browser ana = new Browser(); Browser lee = new Browser(); Browser ben = new Browser()) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String quiet = "Never recorded " + suffix;
            String recorded = "Wound check " + suffix;
            ana.signIn("aortiz", "consilium-demo");
            String quietId = createRoom(ana, quiet);
            String roomId = createRoom(ana, recorded);
            Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            String whole = UUID.randomUUID().toString();
            String interrupted = UUID.randomUUID().toString();
            insertRecordings(roomId, start, whole, interrupted);

            // The home page: each room's recordings behind a disclosure; none for the first room.
            ana.viewport(1280, 800, false);
            ana.open("/");
            ana.clickWhenEnabled(inRoom(quiet, "details[@class='recordings']/summary"));
            assertEquals("No recordings", ana.visible(inRoom(quiet, "p[contains(@class,'recordings-empty')]")).getText());
            ana.script("document.querySelector('[data-room=\"" + quietId + "\"] details.recordings')"
                    + ".scrollIntoView({block: 'center'})");
            ana.screenshot("home-recordings-empty-desktop");
            ana.clickWhenEnabled(inRoom(recorded, "details[@class='recordings']/summary"));
            List<WebElement> entries = Poll.until(Browser.PATIENCE,
                    () -> ana.all(inRoom(recorded, "ul[@class='recording-list']/li")), list -> list.size() == 2,
                    "the room's two recordings");
            assertEquals(interrupted, entries.get(0).getAttribute("data-recording"), "newest first");
            assertTrue(entries.get(0).getText().contains("6:00 long, 2 files, interrupted"), entries.get(0).getText());
            assertTrue(entries.get(1).getText().contains("25:10 long, 2 files"), entries.get(1).getText());
            ana.script("document.querySelector('[data-room=\"" + roomId + "\"] details.recordings')"
                    + ".scrollIntoView({block: 'center'})");
            ana.screenshot("home-recordings-desktop");
            assertEquals(List.of(), axe(ana), "the home page with the recordings open");
            ana.viewport(390, 844, true);
            ana.script("document.querySelector('[data-room=\"" + roomId + "\"] details.recordings')"
                    + ".scrollIntoView({block: 'center'})");
            ana.screenshot("home-recordings-phone");
            ana.script("document.querySelector('[data-room=\"" + quietId + "\"] details.recordings')"
                    + ".scrollIntoView({block: 'center'})");
            ana.screenshot("home-recordings-empty-phone");
            ana.viewport(1280, 800, false);

            // The player page of the whole recording: facts, one tile per file with its name, consents.
            ana.clickWhenEnabled(By.cssSelector("li[data-recording='" + whole + "'] a"));
            ana.visible("recording-content");
            assertTrue(ana.url().endsWith("/recording.xhtml?id=" + whole), ana.url());
            assertEquals("Ana Ortiz (aortiz)", ana.text("recording-started-by"));
            assertEquals("A host stopped it.", ana.text("recording-stop-reason"));
            assertEquals("25:10", ana.text("recording-length"));
            assertEquals(List.of("Ana Ortiz", "Maria González"), tileNames(ana));
            assertEquals(2, ana.all(By.cssSelector("#tracks video")).size());
            assertEquals(List.of(), ana.all(By.cssSelector("#tracks .track-note")));
            assertEquals("0:00 of 25:10", ana.visible("seek").getAttribute("aria-valuetext"));
            List<String> consents = ana.all(By.cssSelector("#consent-rows tr")).stream().map(WebElement::getText).toList();
            assertEquals(3, consents.size(), consents.toString());
            assertTrue(consents.get(0).startsWith("Ana Ortiz Owner Consented"), consents.toString());
            assertTrue(consents.get(2).startsWith("Sam Guest Declined"), consents.toString());
            assertFalse(ana.all(By.id("recording-metadata-only")).get(0).isDisplayed(), "the owner plays it");
            ana.screenshot("recording-page-without-files-desktop");

            // The keyboard: Tab to the play button, to the slider; End, Home, arrows move the position.
            ana.visible("play-pause");
            ana.script("document.getElementById('seek').focus()");
            ana.keys(org.openqa.selenium.Keys.END);
            Poll.until(Browser.PATIENCE, () -> ana.visible("seek").getAttribute("aria-valuetext"),
                    "25:10 of 25:10"::equals, "End takes the position to the end");
            ana.keys(org.openqa.selenium.Keys.HOME);
            ana.keys(org.openqa.selenium.Keys.ARROW_RIGHT);
            ana.keys(org.openqa.selenium.Keys.ARROW_RIGHT);
            Poll.until(Browser.PATIENCE, () -> ana.visible("seek").getAttribute("aria-valuetext"),
                    "0:10 of 25:10"::equals, "Home, then two steps of 5 s");
            ana.keys(org.openqa.selenium.Keys.ARROW_LEFT);
            Poll.until(Browser.PATIENCE, () -> ana.text("player-time"), "0:05 / 25:10"::equals, "back 5 s");
            assertEquals(List.of(), axe(ana), "the recording page");

            // The interrupted recording: its second file says it ends early.
            ana.open("/recording.xhtml?id=" + interrupted);
            ana.visible("recording-content");
            assertTrue(ana.text("recording-stop-reason").contains("interrupted"), ana.text("recording-stop-reason"));
            List<WebElement> notes = Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tracks .track-note")),
                    list -> list.size() == 1, "one note");
            assertEquals("Ends early: the recording was interrupted", notes.get(0).getText());
            assertEquals(List.of(), axe(ana), "the interrupted recording's page");
            ana.screenshot("recording-interrupted-without-files-desktop");

            // Not found: an id nobody has, and one that is no id at all.
            ana.open("/recording.xhtml?id=" + UUID.randomUUID());
            assertTrue(ana.text("recording-not-found").startsWith("There is no such recording"));
            assertEquals("Recording not found", ana.text("recording-title"));
            assertEquals(List.of(), axe(ana), "the not-found page");
            ana.screenshot("recording-not-found-desktop");
            ana.viewport(390, 844, true);
            ana.screenshot("recording-not-found-phone");
            ana.viewport(1280, 800, false);
            ana.open("/recording.xhtml?id=not-an-id");
            assertEquals("Recording not found", ana.text("recording-title"));

            // Another clinician: the room is not hers, so the recording is not found.
            ben.signIn("bokafor", "consilium-demo");
            ben.open("/recording.xhtml?id=" + whole);
            assertTrue(ben.text("recording-not-found").startsWith("There is no such recording"));
            assertFalse(ben.pageText().contains("Maria"), ben.pageText());

            // An auditor: the details and the consents, the files without their content, and why.
            signInWithoutRooms(lee, "lchen");
            lee.viewport(1280, 800, false);
            lee.open("/recording.xhtml?id=" + interrupted);
            assertTrue(lee.text("recording-metadata-only").contains("for the room's owner and hosts"));
            assertEquals(List.of("Ana Ortiz", "Maria González"), tileNames(lee));
            assertEquals(List.of(), lee.all(By.tagName("video")), "no video for an auditor");
            assertFalse(lee.visible("player-title").getText().contains("Playback"));
            assertFalse(lee.all(By.id("player-controls")).get(0).isDisplayed());
            assertEquals(3, lee.all(By.cssSelector("#consent-rows tr")).size());
            assertEquals(List.of(), axe(lee), "the auditor's view");
            lee.screenshot("recording-metadata-only-desktop");
            lee.viewport(390, 844, true);
            lee.screenshot("recording-metadata-only-phone");
        }
    }

    /**
     * A visit recorded through the call page and played back: Ana (the owner) and Maria (a guest)
     * in a call, Ana records, both consent, some seconds of media, Ana stops; on the recording
     * page every file loads, plays on Play, seeks, and stays within 0.3 s of the shared clock.
     */
    @Test
    void aRecordedVisitPlaysBackInSync() throws Exception {
        RecordedFiles.recordingPolicy(true);
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Recorded visit " + UUID.randomUUID().toString().substring(0, 8);
            String link = Visits.createRoomAndInvitation(ana, room);
            String roomId = ana.visible(By.xpath("//li[@data-room][h3='" + room + "']")).getAttribute("data-room");
            Visits.InCall call = Visits.anaLetsMariaIn(ana, maria, room, link);
            ana.click("record-button");
            ana.click("recording-consent-yes");
            maria.click("recording-consent-yes");
            Poll.until(Browser.PATIENCE, () -> ana.text("recording-count"), "2 of 2 recorded"::equals, "both recorded");
            long frames = Visits.framesFrom(ana, call.mariaId());
            chat(maria, "The rash is itchier at night.");
            Poll.until(Visits.MEDIA, () -> Visits.framesFrom(ana, call.mariaId()), f -> f >= frames + 90,
                    "three seconds of the call recorded");
            chat(ana, "Please send a photo of it tomorrow <b>morning</b>.");
            Poll.until(Visits.MEDIA, () -> Visits.framesFrom(ana, call.mariaId()), f -> f >= frames + 180,
                    "six seconds of the call recorded (180 frames of Maria's video at Ana's)");
            ana.click("record-button");
            Poll.until(Browser.PATIENCE, () -> ana.text("record-button"), "Record"::equals, "the recording stopped");
            String id = Poll.until(Visits.MEDIA, () -> stoppedWithFiles(roomId, 4), found -> found != null,
                    "the stopped recording with its two media files and two chat files");

            ana.viewport(1280, 800, false);
            ana.open("/recording.xhtml?id=" + id);
            ana.visible("recording-content");
            assertEquals(2, tileNames(ana).size(), "a tile per media file; the chat beside them");
            List<String> messages = Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#recording-chat-log .chat-text"))
                    .stream().map(WebElement::getText).toList(), list -> list.size() == 2, "the recording's chat");
            assertEquals(List.of("The rash is itchier at night.", "Please send a photo of it tomorrow <b>morning</b>."),
                    messages, "in time order, as text");
            assertEquals(List.of("Maria González", "Ana Ortiz"), ana.all(By.cssSelector("#recording-chat-log .chat-from"))
                    .stream().map(WebElement::getText).toList());
            Poll.until(Visits.MEDIA, () -> ana.script("return [...document.querySelectorAll('#tracks video')]"
                    + ".every((v) => v.readyState >= 2)"), Boolean.TRUE::equals, "every file loaded (readyState >= 2)");
            assertEquals(List.of(), axe(ana), "the player with its files");

            // Play: the clock and the files advance together.
            ana.click("play-pause");
            assertEquals("Pause", ana.text("play-pause"));
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> position(state) > 2
                    && files(state).stream().filter(f -> Boolean.TRUE.equals(f.get("inSpan")))
                    .allMatch(f -> ((Number) f.get("currentTime")).doubleValue() > 1), "the files playing past 1 s");
            List<String> drifts = inStep(ana, 10);
            ana.screenshot("recording-player-desktop");
            ana.script("document.getElementById('recording-chat').scrollIntoView({block: 'center'})");
            ana.screenshot("recording-chat-desktop");
            // A message's time takes the player there.
            double second = ((Number) ana.script("return window.consiliumChat.state()[1].offset")).doubleValue();
            ana.clickWhenEnabled(By.cssSelector("#recording-chat-log li:nth-child(2) .chat-time"));
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> Math.abs(position(state) - second) < 1.5,
                    "the player at the second message (" + second + " s)");

            // Seek: Home takes the clock back to the start; the files follow, still in step.
            ana.script("document.getElementById('seek').focus()");
            ana.keys(org.openqa.selenium.Keys.HOME);
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> position(state) < 1.5
                    && files(state).stream().filter(f -> Boolean.TRUE.equals(f.get("inSpan")))
                    .allMatch(f -> ((Number) f.get("currentTime")).doubleValue() < 1.5), "the files back at the start");
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> position(state) > 2, "playing on after the seek");
            drifts.addAll(inStep(ana, 10));
            ana.keys(org.openqa.selenium.Keys.SPACE);
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> !Boolean.TRUE.equals(state.get("playing"))
                    && files(state).stream().allMatch(f -> Boolean.TRUE.equals(f.get("paused"))), "paused by Space");
            assertEquals("Play", ana.text("play-pause"));
            System.out.println("Recording playback: largest drift per sample " + drifts);
            ana.viewport(390, 844, true);
            ana.screenshot("recording-player-phone");
            ana.script("document.getElementById('player-controls').scrollIntoView({block: 'center'})");
            ana.screenshot("recording-player-controls-phone");
            ana.script("document.getElementById('recording-chat').scrollIntoView({block: 'center'})");
            ana.screenshot("recording-chat-phone");
            assertEquals(null, ana.coveringElement(By.id("play-pause")), "Play on a phone");
            assertEquals(List.of(), axe(ana), "the player on a phone");

            // The same files, Maria's marked as ending early (as after a crash): the note, and it still plays.
            try (Connection db = TestDatabase.asServer();
                 PreparedStatement update = db.prepareStatement("update recording_track set complete = false"
                         + " where recording_id = ?::uuid and participant = ? and kind = 'camera'")) {
                update.setString(1, id);
                update.setString(2, call.mariaId());
                assertEquals(1, update.executeUpdate());
            }
            ana.viewport(1280, 800, false);
            ana.open("/recording.xhtml?id=" + id);
            assertEquals("Ends early: the recording was interrupted", ana.visible(By.cssSelector(
                    "#tracks li[data-file] .track-note")).getText());
            Poll.until(Visits.MEDIA, () -> ana.script("return [...document.querySelectorAll('#tracks video')]"
                    + ".every((v) => v.readyState >= 2)"), Boolean.TRUE::equals, "every file loaded");
            ana.click("play-pause");
            Poll.until(Browser.PATIENCE, () -> playerState(ana), state -> position(state) > 1, "playing");
            ana.screenshot("recording-interrupted-desktop");
            ana.viewport(390, 844, true);
            ana.script("document.querySelector('#tracks .track-note').scrollIntoView({block: 'center'})");
            ana.screenshot("recording-interrupted-phone");
        } finally {
            RecordedFiles.recordingPolicy(false);
        }
    }

    /** The id of the room's recording once it stopped with {@code files} files, else null. */
    private static void chat(Browser page, String text) throws InterruptedException {
        page.type("chat-input", text);
        page.clickWhenEnabled(By.cssSelector("#chat-form button[type=submit]"));
    }

    private static String stoppedWithFiles(String roomId, int files) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement query = db.prepareStatement("select r.id, (select count(*) from recording_track t"
                     + " where t.recording_id = r.id) from recording r where r.room_id = ?::uuid and r.stopped_at is not null")) {
            query.setString(1, roomId);
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getLong(2) == files ? rows.getString(1) : null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> playerState(Browser browser) {
        return (java.util.Map<String, Object>) browser.script("return window.consiliumPlayer.state()");
    }

    private static double position(java.util.Map<String, Object> state) {
        return ((Number) state.get("position")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<java.util.Map<String, Object>> files(java.util.Map<String, Object> state) {
        return (List<java.util.Map<String, Object>>) state.get("files");
    }

    /**
     * {@code samples} readings of the playing page, a poll interval apart: each file in its span
     * is within 0.3 s of where the shared clock puts it. Returns the largest drift of each reading.
     */
    private static List<String> inStep(Browser browser, int samples) throws InterruptedException {
        List<String> drifts = new java.util.ArrayList<>();
        Poll.until(Browser.PATIENCE, () -> {
            java.util.Map<String, Object> state = playerState(browser);
            double worst = 0;
            for (java.util.Map<String, Object> file : files(state)) {
                if (Boolean.TRUE.equals(file.get("inSpan"))) {
                    double drift = Math.abs(((Number) file.get("currentTime")).doubleValue()
                            - ((Number) file.get("expected")).doubleValue());
                    assertTrue(drift < 0.3, "a file " + drift + " s from the shared clock: " + state);
                    worst = Math.max(worst, drift);
                }
            }
            drifts.add(String.format(java.util.Locale.ROOT, "%.3f", worst));
            return drifts.size();
        }, n -> n >= samples, samples + " readings in step");
        return drifts;
    }

    /** Creates the room on Ana's home page; returns its id. */
    private static String createRoom(Browser ana, String name) throws InterruptedException {
        ana.type("new-room-name", name);
        ana.click("new-room-button");
        return ana.visible(By.xpath("//li[@data-room][h3='" + name + "']")).getAttribute("data-room");
    }

    /** Someone whose home page has no rooms (an auditor) signs in through the form. */
    private static void signInWithoutRooms(Browser browser, String username) throws InterruptedException {
        browser.open("/");
        browser.type("username", username);
        browser.type("password", "consilium-demo");
        browser.clickWhenEnabled(By.cssSelector("form button[type=submit]"));
        browser.visible("display-name");
    }

    private static List<String> tileNames(Browser browser) throws InterruptedException {
        return Poll.until(Browser.PATIENCE, () -> browser.all(By.cssSelector("#tracks .tile-name")).stream()
                .map(WebElement::getText).toList(), names -> !names.isEmpty(), "the files' names");
    }

    /**
     * Two recordings of one visit, as the recorder stores them: a whole one (Ana and Maria
     * consented from the start, a guest declined; 25:10, Maria from 1:05) and, an hour later, one
     * the server's stop interrupted (6:00; Maria's file ends early).
     */
    private static void insertRecordings(String roomId, Instant start, String whole, String interrupted) throws Exception {
        String visit = UUID.randomUUID().toString();
        Instant later = start.plus(1, ChronoUnit.HOURS);
        try (Connection db = TestDatabase.asServer()) {
            try (PreparedStatement insert = db.prepareStatement("insert into visit (id, room_id, max_participants, started_at,"
                    + " ended_at, version) values (?::uuid, ?::uuid, 4, ?, ?, 0)")) {
                insert.setString(1, visit);
                insert.setString(2, roomId);
                insert.setTimestamp(3, Timestamp.from(start.minusSeconds(60)));
                insert.setTimestamp(4, Timestamp.from(later.plusSeconds(600)));
                insert.executeUpdate();
            }
            recording(db, whole, roomId, visit, start, start.plusSeconds(1510), "stopped-by-host");
            recording(db, interrupted, roomId, visit, later, later.plusSeconds(360), "interrupted");
            for (String id : List.of(whole, interrupted)) {
                Instant at = id.equals(whole) ? start : later;
                consent(db, id, "p-ana", "aortiz", "Ana Ortiz", "owner", "given", at.plusSeconds(2));
                consent(db, id, "p-maria", "guest:" + UUID.randomUUID(), "Maria González", "guest", "given", at.plusSeconds(4));
                consent(db, id, "p-sam", "guest:" + UUID.randomUUID(), "Sam", "guest", "declined", at.plusSeconds(9));
            }
            track(db, whole, "001-p-ana.webm", "p-ana", start, start.plusSeconds(1510), true);
            track(db, whole, "002-p-maria.webm", "p-maria", start.plusSeconds(65), start.plusSeconds(1200), true);
            track(db, interrupted, "001-p-ana.webm", "p-ana", later, later.plusSeconds(360), true);
            track(db, interrupted, "002-p-maria.webm", "p-maria", later.plusSeconds(4), later.plusSeconds(200), false);
        }
    }

    private static void recording(Connection db, String id, String roomId, String visit, Instant started, Instant stopped,
                                  String reason) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into recording (id, room_id, visit_id, started_at,"
                + " started_by, node, stopped_at, stop_reason) values (?::uuid, ?::uuid, ?::uuid, ?, 'aortiz', 'test', ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, roomId);
            insert.setString(3, visit);
            insert.setTimestamp(4, Timestamp.from(started));
            insert.setTimestamp(5, Timestamp.from(stopped));
            insert.setString(6, reason);
            insert.executeUpdate();
        }
    }

    private static void consent(Connection db, String id, String participant, String principal, String name, String role,
                                String decision, Instant at) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into recording_consent (recording_id, participant,"
                + " principal, display_name, role, decision, notice_version, notice_sha256, decided_at)"
                + " select ?::uuid, ?, ?, ?, ?, ?, version, sha256, ? from recording_notice order by version desc limit 1")) {
            insert.setString(1, id);
            insert.setString(2, participant);
            insert.setString(3, principal);
            insert.setString(4, name);
            insert.setString(5, role);
            insert.setString(6, decision);
            insert.setTimestamp(7, Timestamp.from(at));
            assertEquals(1, insert.executeUpdate(), "a consent notice is stored");
        }
    }

    private static void track(Connection db, String id, String file, String participant, Instant started, Instant stopped,
                              boolean complete) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into recording_track (recording_id, file_name,"
                + " participant, kind, started_at, stopped_at, plaintext_bytes, sha256, complete)"
                + " values (?::uuid, ?, ?, 'camera', ?, ?, 1000000, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, file);
            insert.setString(3, participant);
            insert.setTimestamp(4, Timestamp.from(started));
            insert.setTimestamp(5, Timestamp.from(stopped));
            insert.setString(6, "0".repeat(64));
            insert.setBoolean(7, complete);
            insert.executeUpdate();
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
