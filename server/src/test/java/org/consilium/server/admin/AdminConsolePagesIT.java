package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.location;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's dashboard, keys and directory pages (issue 8) over HTTP: what they show,
 * the KEK rotation with its confirmation and audit event, the directory test and lookup
 * through the server's own realm and role mapping, and auditors refused (403) on every
 * administrators' page and action, a POST made by hand included.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsolePagesIT {

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void noSecondFactors() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.AUDITOR);
    }

    @Test
    void theDashboardShowsHealthVisitsMediaAndNodeAndServesTheSameAsJson() throws Exception {
        String roomId = UUID.randomUUID().toString();
        String visitId = UUID.randomUUID().toString();
        String roomName = "Dashboard test " + roomId.substring(0, 8);
        try (Connection db = TestDatabase.asServer()) {
            openVisit(db, roomId, roomName, visitId);
            ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();

            HttpResponse<String> page = sam.http.get("/admin/");
            assertEquals(200, page.statusCode());
            String html = page.body();
            for (String check : List.of("database", "directory", "hsm", "media")) {
                assertEquals("Up", text(html, "health-" + check + "-state"), check + ": " + html);
            }
            assertTrue(text(html, "health-hsm-detail").startsWith("logged in, KEK version "), html);
            assertTrue(text(html, "dashboard-summary").startsWith("All 4 checks up."), text(html, "dashboard-summary"));
            assertTrue(html.contains("aria-live=\"polite\""), "the summary is a polite live region");
            assertTrue(html.contains(roomName), "administrators see the room's name");
            assertTrue(html.contains("1 guest, 1 owner"), "present by role, the one who left not counted: " + html);
            assertTrue(text(html, "media-endpoints").matches("\\d+"), html);
            assertTrue(html.contains("id=\"media-packets-in\""), html);
            // the test server is given a peer (node 2 of the cluster tests) that is not running
            assertTrue(text(html, "node-cluster").startsWith("Alone: none of the 1 configured peer(s)"),
                    text(html, "node-cluster"));
            assertTrue(html.contains("/admin/static/dashboard.js"), "the refresh script is a file from the WAR");

            HttpResponse<String> json = sam.http.get("/admin/dashboard.json");
            assertEquals(200, json.statusCode());
            assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals("no-store", json.headers().firstValue("Cache-Control").orElse(""));
            JsonObject data = Json.createReader(new StringReader(json.body())).readObject();
            assertEquals(4, data.getJsonArray("checks").size());
            assertTrue(data.getJsonArray("visits").stream().map(JsonObject.class::cast)
                    .anyMatch(v -> v.getString("room").equals(roomName) && v.getInt("present") == 2), json.body());
            assertEquals(text(html, "node-cluster"), data.getJsonObject("node").getString("cluster"));

            ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
            String auditorsView = lee.http.get("/admin/").body();
            assertFalse(auditorsView.contains(roomName), "auditors see no room names");
            assertTrue(auditorsView.contains("room " + roomId), auditorsView);
            assertFalse(auditorsView.contains("/admin/keys.xhtml"), "no link to administrators' pages");
            assertEquals(200, lee.http.get("/admin/dashboard.json").statusCode());

            ConsoleUser fresh = new ConsoleUser(AdminConsoleIT.AUDITOR).signIn(); // second factor not given yet
            HttpResponse<String> refused = fresh.http.get("/admin/dashboard.json");
            assertEquals(302, refused.statusCode(), "the JSON is behind the second factor too");
            assertTrue(location(refused).endsWith("/admin/verify.xhtml"), location(refused));
        } finally {
            try (Connection db = TestDatabase.asServer()) {
                removeVisit(db, roomId, visitId);
            }
        }
    }

    @Test
    void theDashboardsPollingDoesNotKeepAnUnattendedSessionAlive() throws Exception {
        ModelNode property = Operations.createAddress("system-property", "consilium.session.idle-timeout");
        ModelNode add = Operations.createAddOperation(property);
        add.get("value").set("PT4S");
        ServerReload.execute(management, add);
        try {
            ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
            // Polls that report the person's activity keep the session, well past its 4 s.
            Instant start = Instant.now();
            Poll.until(Duration.ofSeconds(30), () -> {
                assertEquals(200, sam.http.get("/admin/dashboard.json?active=1").statusCode(), "an active poll");
                return Instant.now();
            }, now -> Duration.between(start, now).toSeconds() >= 7, "7 s of active polls");
            // Polls alone do not: the session ends 4 s after the last activity.
            HttpResponse<String> ended = Poll.until(Duration.ofSeconds(30), () -> sam.http.get("/admin/dashboard.json"),
                    r -> r.statusCode() != 200, "the idle session to end");
            assertEquals(401, ended.statusCode());
            HttpResponse<String> after = sam.http.get("/admin/");
            assertTrue(after.body().contains("id=\"password\""), "signed out: " + after.body());
        } finally {
            ServerReload.execute(management, Operations.createRemoveOperation(property));
        }
    }


    @Test
    void anAdminRotatesTheKekAfterTypingRotateAndOldSecretsStillOpen() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled(); // sealed under the current KEK
        HttpResponse<String> page = sam.http.get("/admin/keys.xhtml");
        assertEquals(200, page.statusCode());
        assertEquals("Ready", text(page.body(), "hsm-state"), page.body());
        assertEquals("yes", text(page.body(), "hsm-logged-in"));
        int before = Integer.parseInt(text(page.body(), "kek-current"));
        String pem = sam.http.get("/api/audit/public-key").body();
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)),
                text(page.body(), "audit-key-fingerprint"));
        assertTrue(text(page.body(), "audit-key-id").startsWith("audit-p256-"));
        assertTrue(text(page.body(), "invitation-key").startsWith("Present"));
        long sequence = TestDatabase.lastAuditSequence();

        HttpResponse<String> unconfirmed = sam.postFaces("/admin/keys.xhtml", page.body(), "rotate",
                Map.of("rotate:confirmation", "rotate"), "rotate:submit");
        assertEquals(200, unconfirmed.statusCode());
        assertTrue(text(unconfirmed.body(), "rotate-error").startsWith("Type ROTATE"), unconfirmed.body());
        assertTrue(unconfirmed.body().contains("aria-invalid=\"true\""));
        assertEquals(before, Integer.parseInt(text(unconfirmed.body(), "kek-current")), "nothing rotated");

        HttpResponse<String> rotated = sam.postFaces("/admin/keys.xhtml", unconfirmed.body(), "rotate",
                Map.of("rotate:confirmation", "ROTATE"), "rotate:submit");
        assertEquals(200, rotated.statusCode());
        assertTrue(text(rotated.body(), "rotate-done").startsWith("The key-encryption key is rotated: version "
                + before + " → " + (before + 1)), rotated.body());
        assertEquals(before + 1, Integer.parseInt(text(rotated.body(), "kek-current")));
        assertTrue(List.of(text(rotated.body(), "kek-older").split(", ")).contains(String.valueOf(before)),
                "the old version is still usable");

        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("key-rotated " + AdminConsoleIT.ADMIN
                + " success key:consilium-kek") && e.contains("\"before\":\"" + before + "\"")
                && e.contains("\"after\":\"" + (before + 1) + "\"")), events::toString);
        assertEquals(1, events.stream().filter(e -> e.startsWith("key-rotated")).count(), "the refused try changed nothing");

        // The admin's TOTP key was sealed under the old version: it still opens in a new session.
        sam.signIn();
        assertEquals(302, sam.verify(sam.app.freshCode()).statusCode(), "the old KEK still unwraps");
        // A new enrolment is sealed under the new version (envelope bytes 21-24: KEK version).
        new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
        try (Connection db = TestDatabase.asServer(); var rows = db.createStatement().executeQuery(
                "select sealed_secret from staff_second_factor where username = '" + AdminConsoleIT.AUDITOR + "'")) {
            assertTrue(rows.next());
            byte[] sealed = rows.getBytes(1);
            int version = ((sealed[21] & 0xff) << 24) | ((sealed[22] & 0xff) << 16) | ((sealed[23] & 0xff) << 8)
                    | (sealed[24] & 0xff);
            assertEquals(before + 1, version);
        }
    }

    @Test
    void anAuditorGets403OnTheAdministratorsPagesAndTheirActionsEvenByHand() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        String keys = sam.http.get("/admin/keys.xhtml").body();
        int version = Integer.parseInt(text(keys, "kek-current"));
        ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
        long sequence = TestDatabase.lastAuditSequence();

        for (String page : List.of("/admin/keys.xhtml", "/admin/directory.xhtml", "/admin/second-factors.xhtml",
                "/admin/policies.xhtml", "/admin/settings.xhtml", "/admin/branding.xhtml")) {
            HttpResponse<String> refused = lee.http.get(page);
            assertEquals(403, refused.statusCode(), page);
            assertTrue(refused.body().contains("You do not have access to this page"), page);
        }
        // The admin's own form, replayed by hand from the auditor's session (its view state is not the auditor's).
        String viewState = ConsoleUser.viewState(keys, "rotate");
        assertEquals(403, lee.http.postForm("/admin/keys.xhtml", Map.of("rotate", "rotate",
                "rotate:confirmation", "ROTATE", "rotate:submit", "submit", "jakarta.faces.ViewState", viewState),
                Map.of("Origin", lee.http.origin())).statusCode());
        assertEquals(403, lee.http.postForm("/admin/directory.xhtml", Map.of("lookup", "lookup",
                "lookup:username", AdminConsoleIT.ADMIN, "lookup:submit", "submit", "jakarta.faces.ViewState", "stateless"),
                Map.of("Origin", lee.http.origin())).statusCode());
        assertEquals(403, lee.http.postForm("/admin/settings.xhtml", Map.of("settings", "settings",
                "settings:siem-host", "siem.attacker.example", "settings:submit", "submit",
                "jakarta.faces.ViewState", "stateless"), Map.of("Origin", lee.http.origin())).statusCode());
        assertEquals(403, lee.http.postForm("/admin/directory.xhtml", Map.of("mapping", "mapping",
                "mapping:restore", "submit", "jakarta.faces.ViewState", "stateless"),
                Map.of("Origin", lee.http.origin())).statusCode());
        assertEquals(403, lee.http.postForm("/admin/branding.xhtml", Map.of("defaults", "defaults",
                "defaults:restore", "submit", "jakarta.faces.ViewState", "stateless"),
                Map.of("Origin", lee.http.origin())).statusCode());

        assertEquals(version, Integer.parseInt(text(sam.http.get("/admin/keys.xhtml").body(), "kek-current")),
                "no rotation");
        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target");
        assertTrue(events.contains("access-denied " + AdminConsoleIT.AUDITOR + " denied page:/admin/keys.xhtml"),
                events::toString);
        assertFalse(events.stream().anyMatch(e -> e.startsWith("key-rotated")), events::toString);
    }

    @Test
    void theDirectoryPageTestsTheConnectionAndShowsTheRolesAPersonWouldGet() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get("/admin/directory.xhtml");
        assertEquals(200, page.statusCode());
        assertEquals(List.of("Consilium Administrators: admin", "Consilium Auditors: auditor",
                "Consilium Clinicians: clinician", ": ", ": ", ": "),
                AdminConsoleRoleMappingIT.Line.all(page.body()).stream().map(Object::toString).toList(), page.body());

        HttpResponse<String> tested = sam.postFaces("/admin/directory.xhtml", page.body(), "test", Map.of(),
                "test:submit");
        assertEquals("The directory works.", text(tested.body(), "test-verdict"), tested.body());
        assertTrue(text(tested.body(), "test-reach").matches("The directory at ldap://.* answered LDAP in \\d+ ms\\."),
                text(tested.body(), "test-reach"));
        assertTrue(text(tested.body(), "test-lookup").contains("found 1 group"), text(tested.body(), "test-lookup"));

        HttpResponse<String> ana = lookUp(sam, tested.body(), "AOrtiz");
        assertTrue(text(ana.body(), "lookup-summary").startsWith("Ana Ortiz (aortiz) is in the directory"), ana.body());
        assertEquals("Consilium Clinicians, Radiology Staff", text(ana.body(), "lookup-groups"));
        assertEquals("clinician", text(ana.body(), "lookup-roles"));

        HttpResponse<String> pat = lookUp(sam, ana.body(), "pdoe");
        assertEquals("Radiology Staff", text(pat.body(), "lookup-groups"));
        assertTrue(text(pat.body(), "lookup-roles").startsWith("none"), pat.body());

        HttpResponse<String> nobody = lookUp(sam, pat.body(), "nobody-" + UUID.randomUUID().toString().substring(0, 6));
        assertTrue(text(nobody.body(), "lookup-summary").startsWith("There is no nobody-"), nobody.body());

        HttpResponse<String> blank = lookUp(sam, nobody.body(), " ");
        assertTrue(text(blank.body(), "username-error").startsWith("Give the user name"), blank.body());
        assertTrue(blank.body().contains("aria-invalid=\"true\""));
    }

    private static HttpResponse<String> lookUp(ConsoleUser who, String html, String username) throws Exception {
        HttpResponse<String> response = who.postFaces("/admin/directory.xhtml", html, "lookup",
                Map.of("lookup:username", username), "lookup:submit");
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** A room with a visit going on: its owner and a guest present, a host who came and left. */
    static void openVisit(Connection db, String roomId, String roomName, String visitId) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement room = db.prepareStatement("insert into room (id, display_name, kind, owner_username, "
                + "lobby_enabled, locked, max_participants, status, created_at, version) "
                + "values (?::uuid, ?, 'VISIT', 'aortiz', true, false, 4, 'OPEN', ?, 0)")) {
            room.setString(1, roomId);
            room.setString(2, roomName);
            room.setObject(3, now);
            room.executeUpdate();
        }
        try (PreparedStatement visit = db.prepareStatement("insert into visit (id, room_id, max_participants, "
                + "started_at, version) values (?::uuid, ?::uuid, 4, ?, 0)")) {
            visit.setString(1, visitId);
            visit.setString(2, roomId);
            visit.setObject(3, now);
            visit.executeUpdate();
        }
        try (PreparedStatement stint = db.prepareStatement("insert into visit_participant (visit_id, principal, "
                + "display_name, role, joined_at, left_at) values (?::uuid, ?, ?, ?, ?, ?)")) {
            Object[][] stints = {{"aortiz", "Ana Ortiz", "OWNER", null}, {"guest:" + UUID.randomUUID(), "A guest", "GUEST", null},
                    {"bokafor", "Ben Okafor", "HOST", now}};
            for (Object[] s : stints) {
                stint.setString(1, visitId);
                stint.setString(2, (String) s[0]);
                stint.setString(3, (String) s[1]);
                stint.setString(4, (String) s[2]);
                stint.setObject(5, now);
                stint.setObject(6, s[3]);
                stint.executeUpdate();
            }
        }
    }

    static void removeVisit(Connection db, String roomId, String visitId) throws Exception {
        try (PreparedStatement p = db.prepareStatement("delete from visit_participant where visit_id = ?::uuid");
             PreparedStatement v = db.prepareStatement("delete from visit where id = ?::uuid");
             PreparedStatement r = db.prepareStatement("delete from room where id = ?::uuid")) {
            p.setString(1, visitId);
            p.executeUpdate();
            v.setString(1, visitId);
            v.executeUpdate();
            r.setString(1, roomId);
            r.executeUpdate();
        }
    }
}
