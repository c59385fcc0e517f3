package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.attribute;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SystemProperties;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Recordings page (issue 22, items 1, 5 and 6) on the real server, over
 * recordings written straight into the database (rooms made through the API, visits and
 * recordings as rows): the list shows each recording's metadata with its retention; an
 * administrator puts one on legal hold and releases it (audited); an auditor sees the states
 * but no buttons, and a POST of theirs made by hand is refused and audited; the retention form
 * refuses bad days next to their field and saves good ones (audited); the recording notice
 * editor makes a new version (audited with version and SHA-256 before and after). And the
 * retention job, every second for the test: a recording stopped 40 days ago is crypto-shredded
 * (its file and directory gone, its row marked, {@code recording-deleted} audited), one on
 * legal hold is not. Screenshots of the page (desktop and phone) and axe-core on it.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleRecordingsIT {

    static final String PAGE = "/admin/recordings.xhtml";
    /** The test server's node (arquillian.xml: -Djboss.node.name=node-1): its retention job shreds only its own. */
    static final String NODE = "node-1";
    private static final String RETENTION_CHECK = "consilium.recording.retention-check";
    private static final String DIRECTORY = "consilium.recording.directory";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @ArquillianResource
    ManagementClient management;

    private final List<UUID> recordings = new ArrayList<>();
    private final List<UUID> visits = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();
    private Browserless owner;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void noSecondFactors() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.AUDITOR);
        owner = DemoStaff.signedIn("aortiz");
    }

    @AfterEach
    void removeWhatWasMade() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            for (UUID id : recordings) {
                for (String table : List.of("recording_consent", "recording_track")) {
                    update(db, "delete from " + table + " where recording_id = ?", id);
                }
                update(db, "delete from recording where id = ?", id);
            }
            for (UUID visit : visits) {
                update(db, "delete from visit where id = ?", visit);
            }
            restoreRetention(db);
        }
        for (String room : rooms) {
            owner.delete("/api/rooms/" + room);
        }
    }

    @Test
    void theListShowsEachRecordingsMetadataAndAnAdministratorHoldsAndReleasesOne() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant stoppedA = now.minus(Duration.ofDays(2));
        UUID a = recording("visit", stoppedA.minus(Duration.ofMinutes(12).plusSeconds(5)), stoppedA, "stopped-by-host",
                NODE, false, null);
        track(a, "000-p1-camera.webm.csev", 1_250_000);
        track(a, "001-p2-camera.webm.csev", 3_400_000);
        consent(a, "given");
        consent(a, "given");
        consent(a, "declined");
        consent(a, "withdrawn");
        Instant stoppedB = now.minus(Duration.ofDays(1));
        UUID b = recording("bedside", stoppedB.minus(Duration.ofMinutes(3)), stoppedB, "call-ended", NODE, false, null);
        UUID running = recording("consult", now.minus(Duration.ofMinutes(5)), null, null, NODE, false, null);
        Instant shreddedAt = now.minus(Duration.ofDays(3));
        UUID shredded = recording("visit", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(39)), "interrupted",
                "node-2", false, shreddedAt);

        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains(PAGE + "\" aria-current=\"page\""), "in the navigation, shown as the page we are on");
        ZoneId zone = ZoneId.systemDefault(); // the server's, on this machine

        String rowA = row(html, a);
        assertTrue(rowA.contains(">room:" + roomOf(a) + "<"), rowA);
        assertTrue(rowA.contains("<td class=\"kind\">visit</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"length\">12 min 5 s</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"stop-reason\">stopped by a host</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"files\">2 files, 4.7 MB</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"consents\">2 given / 1 declined / 1 withdrawn</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"node\">" + NODE + "</td>"), rowA);
        assertTrue(rowA.contains("<td class=\"retention\">shredded on "
                + DAY.format(stoppedA.plus(Duration.ofDays(30)).atZone(zone)) + "</td>"), "30 days for visits: " + rowA);
        Instant startedA = stoppedA.minus(Duration.ofMinutes(12).plusSeconds(5));
        assertTrue(rowA.contains("title=\"" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .format(startedA.atZone(java.time.ZoneOffset.UTC)) + "\">"
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(startedA.atZone(zone)) + "</time>"),
                "local time, UTC in the title: " + rowA);
        assertTrue(rowA.contains("value=\"Hold\""), rowA);
        assertFalse(rowA.contains("Ana") || rowA.contains("aortiz") || rowA.contains("Recordings check"),
                "no names of people or rooms: " + rowA);
        assertTrue(row(html, b).contains("<td class=\"retention\">shredded on "
                + DAY.format(stoppedB.plus(Duration.ofDays(7)).atZone(zone)) + "</td>"), "7 days for bedside rooms");
        String runningRow = row(html, running);
        assertTrue(runningRow.contains("<td class=\"retention\">running</td>")
                && runningRow.contains("<td class=\"length\">running</td>"), runningRow);
        String shreddedRow = row(html, shredded);
        assertTrue(shreddedRow.contains("<td class=\"retention\">shredded on " + DAY.format(shreddedAt.atZone(zone))),
                shreddedRow);
        assertTrue(shreddedRow.contains("yes, <time"), shreddedRow);
        assertFalse(shreddedRow.contains("<form"), "nothing to hold once shredded: " + shreddedRow);
        assertTrue(html.indexOf("data-recording=\"" + running + "\"") < html.indexOf("data-recording=\"" + a + "\""),
                "newest first");
        assertFalse(html.contains("/recordings/" + a), "no way to play a recording from here");

        // Hold: kept whatever the retention says, audited; then released, audited.
        long sequence = TestDatabase.lastAuditSequence();
        HttpResponse<String> held = pressHold(sam, html, a);
        assertEquals(200, held.statusCode(), held.body());
        assertEquals("Recording " + a + " is on legal hold: it is kept whatever the retention says, until it is released.",
                text(held.body(), "hold-done"));
        assertTrue(row(held.body(), a).contains("<td class=\"retention\">kept while on hold</td>"), row(held.body(), a));
        assertTrue(row(held.body(), a).contains("value=\"Release\""));
        assertTrue(onHold(a));
        HttpResponse<String> released = pressHold(sam, held.body(), a);
        assertTrue(text(released.body(), "hold-done").contains("released from legal hold"), released.body());
        assertFalse(onHold(a));
        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        List<String> holds = events.stream().filter(e -> e.startsWith("recording-hold-changed")).toList();
        assertEquals(2, holds.size(), events::toString);
        assertTrue(holds.get(0).startsWith("recording-hold-changed " + AdminConsoleIT.ADMIN + " success recording:" + a)
                && holds.get(0).contains("\"hold\":\"true\""), holds.get(0));
        assertTrue(holds.get(1).contains("\"hold\":\"false\""), holds.get(1));

        List<String> violations = ConsoleScreenshots.takeAndCheck(sam.http, PAGE, "recordings", "recordings");
        assertEquals(List.of(), violations, "serious or critical accessibility violations (axe-core)");
    }

    @Test
    void anAuditorSeesTheStatesButNoButtonsAndAPostOfTheirsIsRefusedAndAudited() throws Exception {
        Instant stopped = Instant.now().minus(Duration.ofDays(1));
        UUID a = recording("visit", stopped.minus(Duration.ofMinutes(4)), stopped, "stopped-by-host", NODE, true, null);
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        String adminsView = sam.http.get(PAGE).body();
        ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
        assertTrue(lee.http.get("/admin/").body().contains(PAGE), "the page is in the auditor's navigation");

        HttpResponse<String> page = lee.http.get(PAGE);
        assertEquals(200, page.statusCode(), page.body());
        String rowA = row(page.body(), a);
        assertTrue(rowA.contains("on hold") && rowA.contains("kept while on hold"), rowA);
        assertFalse(page.body().contains("<textarea") || page.body().contains("id=\"retention\"")
                || page.body().contains("jakarta.faces.ViewState"), "no form of the page for auditors: " + page.body());
        assertFalse(page.body().contains("value=\"Release\"") || page.body().contains("value=\"Hold\""));
        assertEquals("30 days after the recording stops", text(page.body(), "retention-visit"));
        assertEquals("7 days after the recording stops", text(page.body(), "retention-bedside"));
        assertTrue(text(page.body(), "recording-notice-in-force").startsWith("In force: version "), page.body());

        long sequence = TestDatabase.lastAuditSequence();
        Map<String, String> release = new LinkedHashMap<>();
        String form = rowForm(adminsView, a);
        release.put(form, form);
        release.put("recording", a.toString());
        release.put("hold", "false");
        release.put(form + ":submit", "Release");
        release.put("jakarta.faces.ViewState", ConsoleUser.viewState(adminsView, form));
        assertEquals(403, lee.http.postForm(PAGE, release, Map.of("Origin", lee.http.origin())).statusCode());
        Map<String, String> retention = new LinkedHashMap<>(Map.of("retention", "retention", "retention:visit", "",
                "retention:consult", "", "retention:bedside", "", "retention:save", "submit",
                "jakarta.faces.ViewState", ConsoleUser.viewState(adminsView, "retention")));
        assertEquals(403, lee.http.postForm(PAGE, retention, Map.of("Origin", lee.http.origin())).statusCode());

        assertTrue(onHold(a), "still on hold");
        assertEquals(List.of("30", "30", "7"), retentionStored());
        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target");
        assertEquals(2, events.stream().filter(e -> e.equals("access-denied " + AdminConsoleIT.AUDITOR + " denied page:"
                + PAGE)).count(), events::toString);
        assertFalse(events.stream().anyMatch(e -> e.startsWith("recording-hold-changed")
                || e.startsWith("configuration-changed")), events::toString);
    }

    @Test
    void theRetentionFormRefusesBadDaysNextToTheirFieldAndSavesGoodOnes() throws Exception {
        Instant stopped = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        UUID a = recording("visit", stopped.minus(Duration.ofMinutes(4)), stopped, "stopped-by-host", NODE, false, null);
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals("30", attribute(page.body(), "retention:visit", "value"));
        assertEquals("30", attribute(page.body(), "retention:consult", "value"));
        assertEquals("7", attribute(page.body(), "retention:bedside", "value"));
        long sequence = TestDatabase.lastAuditSequence();

        HttpResponse<String> refused = sam.postFaces(PAGE, page.body(), "retention",
                retention("0", "a month", "36501"), "retention:save");
        assertEquals(200, refused.statusCode());
        assertEquals("Nothing was changed: correct the fields marked below.", text(refused.body(), "retention-invalid"));
        assertEquals("Keep recordings 1 to 36500 days, or leave it empty.", text(refused.body(), "visit-error"));
        assertEquals("Give a whole number of days, such as 30, in digits only, or leave it empty to keep recordings "
                + "until they are deleted.", text(refused.body(), "consult-error"));
        assertEquals("Keep recordings 1 to 36500 days, or leave it empty.", text(refused.body(), "bedside-error"));
        assertEquals("true", attribute(refused.body(), "retention:visit", "aria-invalid"));
        assertTrue(attribute(refused.body(), "retention:visit", "aria-describedby").contains("visit-error"));
        assertEquals("a month", attribute(refused.body(), "retention:consult", "value"), "what was typed stays");
        assertEquals(List.of("30", "30", "7"), retentionStored());

        HttpResponse<String> saved = sam.postFaces(PAGE, refused.body(), "retention", retention("45", "", "7"),
                "retention:save");
        assertTrue(text(saved.body(), "retention-done").startsWith("Saved."), saved.body());
        assertEquals(java.util.Arrays.asList("45", null, "7"), retentionStored());
        assertEquals("", value(saved.body(), "retention:consult"), "empty: kept until deleted");
        assertTrue(row(saved.body(), a).contains("<td class=\"retention\">shredded on "
                + DAY.format(stopped.plus(Duration.ofDays(45)).atZone(ZoneId.systemDefault())) + "</td>"),
                "the list follows the new retention: " + row(saved.body(), a));
        HttpResponse<String> again = sam.postFaces(PAGE, saved.body(), "retention", retention("45", " ", "7"),
                "retention:save");
        assertEquals("Nothing was changed: this is the retention in force.", text(again.body(), "retention-done"));

        List<String> changes = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details").stream()
                .filter(e -> e.startsWith("configuration-changed")).toList();
        assertEquals(1, changes.size(), changes::toString);
        assertTrue(changes.get(0).startsWith("configuration-changed " + AdminConsoleIT.ADMIN
                + " success policy:recording-retention"), changes.get(0));
        assertTrue(changes.get(0).contains("\"before\":\"visit=30d, consult=30d, bedside=7d\"")
                && changes.get(0).contains("\"after\":\"visit=45d, consult=kept, bedside=7d\""), changes.get(0));
        ConsoleScreenshots.take(sam.http, PAGE, "retention-heading", "recordings-retention");
    }

    @Test
    void theRecordingNoticeEditorMakesANewVersionAuditedWithItsHash() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        int before = Integer.parseInt(text(page.body(), "recording-notice-version"));
        String firstText = noticeText(1);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String text = "St. Elsewhere records this visit " + marker + " only if you agree.\r\n\r\n"
                + "Recordings are kept 30 days.  ";
        long sequence = TestDatabase.lastAuditSequence();
        try {
            HttpResponse<String> empty = sam.postFaces(PAGE, page.body(), "recording-notice",
                    Map.of("recording-notice:text", " \r\n "), "recording-notice:save");
            assertEquals("The recording notice must have 1 to 4000 characters.", text(empty.body(), "recording-notice-error"),
                    empty.body());
            assertEquals("true", attribute(empty.body(), "recording-notice:text", "aria-invalid"));

            HttpResponse<String> saved = sam.postFaces(PAGE, empty.body(), "recording-notice",
                    Map.of("recording-notice:text", text), "recording-notice:save");
            assertTrue(text(saved.body(), "recording-notice-done").startsWith("Saved as version " + (before + 1) + "."),
                    saved.body());
            assertEquals(Integer.toString(before + 1), text(saved.body(), "recording-notice-version"));
            String stored = noticeText(before + 1);
            assertEquals("St. Elsewhere records this visit " + marker + " only if you agree.\n\nRecordings are kept 30 days.",
                    stored, "cleaned as stored");
            HttpResponse<String> again = sam.postFaces(PAGE, saved.body(), "recording-notice",
                    Map.of("recording-notice:text", stored), "recording-notice:save");
            assertEquals("Nothing was changed: this is the notice in force.", text(again.body(), "recording-notice-done"));

            List<String> changes = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details")
                    .stream().filter(e -> e.startsWith("configuration-changed")).toList();
            assertEquals(1, changes.size(), changes::toString);
            String change = changes.get(0);
            assertTrue(change.startsWith("configuration-changed " + AdminConsoleIT.ADMIN + " success policy:recording-notice"),
                    change);
            assertTrue(change.contains("\"changed\":\"recording-notice\""), change);
            assertTrue(change.contains("\"after\":\"version=" + (before + 1) + "; sha256=" + noticeSha256(before + 1) + "\""),
                    change);
            assertTrue(change.contains("\"before\":\"version=" + before + "; sha256=" + noticeSha256(before) + "\""), change);

            ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
            String auditorsView = lee.http.get(PAGE).body();
            assertEquals(Integer.toString(before + 1), text(auditorsView, "recording-notice-version"));
            assertTrue(auditorsView.contains("<p>St. Elsewhere records this visit " + marker + " only if you agree.</p>"),
                    auditorsView);
            ConsoleScreenshots.take(sam.http, PAGE, "recording-notice-heading", "recordings-notice");
        } finally {
            // The text in force again is the default, as a new version (versions are never deleted).
            ConsoleUser.submit(sam.http, PAGE, "recording-notice", Map.of("recording-notice:text", firstText),
                    "recording-notice:save");
        }
    }

    @Test
    void theRetentionJobShredsAnExpiredRecordingAndPassesOneOnHoldBy() throws Exception {
        Path directory = Files.createTempDirectory("consilium-recordings-it");
        try {
            SystemProperties.set(management, DIRECTORY, directory.toString());
            Instant stopped = Instant.now().minus(Duration.ofDays(40));
            UUID expired = recording("visit", stopped.minus(Duration.ofMinutes(10)), stopped, "stopped-by-host", NODE,
                    false, null);
            UUID held = recording("visit", stopped.minus(Duration.ofMinutes(10)), stopped, "stopped-by-host", NODE,
                    true, null);
            Path expiredFile = file(directory, expired);
            Path heldFile = file(directory, held);
            long sequence = TestDatabase.lastAuditSequence();

            SystemProperties.set(management, RETENTION_CHECK, "PT1S");
            Poll.until(Duration.ofSeconds(60), () -> shreddedAt(expired), at -> at != null,
                    "the retention job shredding the expired recording");
            assertFalse(Files.exists(expiredFile), "its file is gone");
            assertFalse(Files.exists(expiredFile.getParent()), "and its directory");
            List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
            List<String> deleted = events.stream().filter(e -> e.startsWith("recording-deleted")).toList();
            assertEquals(1, deleted.size(), events::toString);
            assertTrue(deleted.get(0).startsWith("recording-deleted system success recording:" + expired), deleted.get(0));
            assertTrue(deleted.get(0).contains("\"reason\":\"retention\"") && deleted.get(0).contains("\"files\":\"1\""),
                    deleted.get(0));

            assertNull(shreddedAt(held), "on legal hold: kept");
            assertTrue(Files.exists(heldFile), "its file stays");
            ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
            String html = sam.http.get(PAGE).body();
            assertTrue(row(html, expired).contains("yes, <time"), row(html, expired));
            assertTrue(row(html, held).contains("<td class=\"retention\">kept while on hold</td>"), row(html, held));
        } finally {
            SystemProperties.unset(management, RETENTION_CHECK);
            SystemProperties.unset(management, DIRECTORY);
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    /**
     * A recording row (and the room, through the API, and the visit it was made in, ended), as
     * the server writes one.
     */
    private UUID recording(String kind, Instant started, Instant stopped, String reason, String node, boolean hold,
                           Instant shreddedAt) throws Exception {
        String room = Json.createReader(new StringReader(owner.postJson("/api/rooms",
                "{\"displayName\":\"Recordings check\",\"kind\":\"" + kind + "\"}").body())).readObject().getString("id");
        rooms.add(room);
        UUID visit = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection db = TestDatabase.asServer()) {
            update(db, "insert into visit (id, room_id, max_participants, started_at, ended_at, version) "
                    + "values (?, ?, 4, ?, ?, 0)", visit, UUID.fromString(room), Timestamp.from(started),
                    Timestamp.from(stopped == null ? started.plusSeconds(1) : stopped));
            visits.add(visit);
            update(db, "insert into recording (id, room_id, visit_id, started_at, started_by, node, stopped_at, "
                    + "stop_reason, legal_hold, shredded_at, shred_reason) values (?, ?, ?, ?, 'aortiz', ?, ?, ?, ?, ?, ?)",
                    id, UUID.fromString(room), visit, Timestamp.from(started), node,
                    stopped == null ? null : Timestamp.from(stopped), reason, hold,
                    shreddedAt == null ? null : Timestamp.from(shreddedAt), shreddedAt == null ? null : "retention");
            recordings.add(id);
        }
        return id;
    }

    private static void track(UUID recording, String fileName, long bytes) throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            Instant at = Instant.now();
            update(db, "insert into recording_track (recording_id, file_name, participant, kind, started_at, stopped_at, "
                    + "plaintext_bytes, sha256, complete) values (?, ?, 'p1', 'camera', ?, ?, ?, ?, true)", recording,
                    fileName, Timestamp.from(at), Timestamp.from(at), bytes, "0".repeat(64));
        }
    }

    private static void consent(UUID recording, String decision) throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            update(db, "insert into recording_consent (recording_id, participant, principal, display_name, role, decision, "
                    + "notice_version, notice_sha256, decided_at) values (?, 'p1', 'aortiz', 'Ana Ortiz', 'owner', ?, 1, "
                    + "(select sha256 from recording_notice where version = 1), ?)", recording, decision,
                    Timestamp.from(Instant.now()));
        }
    }

    /** A recording's directory under the recordings volume, with one file in it (any bytes: only shredded). */
    private static Path file(Path directory, UUID recording) throws Exception {
        Path folder = Files.createDirectory(directory.resolve(recording.toString()));
        return Files.write(folder.resolve("000-p1-camera.webm.csev"), new byte[4096]);
    }

    private static String roomOf(UUID recording) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select room_id from recording where id = ?")) {
            select.setObject(1, recording);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private static boolean onHold(UUID recording) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select legal_hold from recording where id = ?")) {
            select.setObject(1, recording);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getBoolean(1);
            }
        }
    }

    private static Timestamp shreddedAt(UUID recording) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select shredded_at from recording where id = ?")) {
            select.setObject(1, recording);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getTimestamp(1);
            }
        }
    }

    private static String noticeText(int version) throws Exception {
        return notice(version, "text");
    }

    private static String noticeSha256(int version) throws Exception {
        return notice(version, "sha256").strip();
    }

    private static String notice(int version, String column) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select " + column + " from recording_notice where version = ?")) {
            select.setInt(1, version);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no version " + version);
                return row.getString(1);
            }
        }
    }

    /** Days by visit, consult, bedside as stored (null: kept until deleted). */
    private static List<String> retentionStored() throws Exception {
        try (Connection db = TestDatabase.asServer(); ResultSet rows = db.createStatement().executeQuery(
                "select room_kind, days from recording_retention order by case room_kind when 'VISIT' then 1 "
                        + "when 'CONSULT' then 2 else 3 end")) {
            List<String> days = new ArrayList<>();
            while (rows.next()) {
                days.add(rows.getString(2));
            }
            return days;
        }
    }

    /** The retention of a new appliance (migration V17). */
    private static void restoreRetention(Connection db) throws Exception {
        db.createStatement().executeUpdate("update recording_retention set days = case room_kind when 'BEDSIDE' then 7 "
                + "else 30 end");
    }

    private static Map<String, String> retention(String visit, String consult, String bedside) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("retention:visit", visit);
        form.put("retention:consult", consult);
        form.put("retention:bedside", bedside);
        return form;
    }

    /** The value of the input {@code id}; empty when it has none. */
    private static String value(String html, String id) {
        Matcher input = Pattern.compile("<input[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertTrue(input.find(), "no #" + id);
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        return value.find() ? value.group(1) : "";
    }

    /** Presses the Hold or Release button of {@code recording}'s row in {@code html}. */
    private static HttpResponse<String> pressHold(ConsoleUser who, String html, UUID recording) throws Exception {
        String form = rowForm(html, recording);
        String row = row(html, recording);
        Matcher hold = Pattern.compile("name=\"hold\" value=\"(true|false)\"").matcher(row);
        assertTrue(hold.find(), row);
        return who.postFaces(PAGE, html, form, Map.of("recording", recording.toString(), "hold", hold.group(1)),
                form + ":submit");
    }

    /** The id of the hold form in {@code recording}'s row. */
    private static String rowForm(String html, UUID recording) {
        Matcher form = Pattern.compile("<form id=\"([^\"]+)\"").matcher(row(html, recording));
        assertTrue(form.find(), "no hold form in the row of " + recording);
        return form.group(1);
    }

    /** The table row of {@code recording}. */
    private static String row(String html, UUID recording) {
        Matcher row = Pattern.compile("<tr data-recording=\"" + recording + "\">.*?</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(row.find(), "no row for " + recording + " in " + html);
        return row.group();
    }

    private static void update(Connection db, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, java.sql.Types.OTHER); // the server infers the column's type
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }
}
