package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.attribute;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.DemoStaff;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Room policies page (issue 8) on the real server: an administrator (password
 * and TOTP) changes the invitation lifetime and the lobby default, which the next room and
 * invitation made through the API follow at once; a value out of range is refused next to
 * its field and changes nothing; the change is in the audit trail (and its search) with the
 * values before and after; an auditor gets 403 on the page and on a POST made by hand; the
 * reconnect grace comes from the configuration (as the appliance sets it) until an
 * administrator sets it here. The defaults are restored after each test.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsolePoliciesIT {

    static final String PAGE = "/admin/policies.xhtml";
    /** The longest the server may take to see a change made in the database (its policy cache is fresh for 5 s). */
    static final Duration SERVER_SEES_DATABASE = Duration.ofSeconds(30);

    private static final String RECONNECT_GRACE = "consilium.call.reconnect-grace";

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

    @AfterEach
    void defaultsAgain() throws Exception {
        restoreDefaults();
    }

    /**
     * The policies of a new appliance (migration V9), straight in the database. The server
     * re-reads the row every few seconds, so this waits until it has: first the row with the
     * lobby off, until a new room comes without its lobby; then with it on, until one comes with.
     */
    static void restoreDefaults() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            int changed = db.createStatement().executeUpdate("update room_policy set lobby_by_default = true, "
                    + "invitation_default_minutes = 1440, invitation_maximum_minutes = 10080, "
                    + "invitation_single_use = false, recording_allowed = false, empty_room_timeout_seconds = null, "
                    + "max_visit_length_seconds = null, reconnect_grace_seconds = null where id = 1 and not (lobby_by_default = true "
                    + "and invitation_default_minutes = 1440 and invitation_maximum_minutes = 10080 "
                    + "and invitation_single_use = false and recording_allowed = false "
                    + "and empty_room_timeout_seconds is null and max_visit_length_seconds is null "
                    + "and reconnect_grace_seconds is null)");
            if (changed > 0) {
                Browserless ana = DemoStaff.signedIn("aortiz");
                for (boolean lobby : new boolean[] {false, true}) {
                    db.createStatement().executeUpdate("update room_policy set lobby_by_default = " + lobby + " where id = 1");
                    Poll.until(SERVER_SEES_DATABASE, () -> ana.postJson("/api/rooms",
                                    "{\"displayName\":\"Policy check\",\"kind\":\"visit\"}").body(),
                            room -> room.contains("\"lobby\":" + lobby), "the server reading the policy (lobby " + lobby + ")");
                }
            }
        }
    }

    @Test
    void anAdminChangesTheInvitationLifetimeAndLobbyDefaultWhichApplyAtOnceAndAreAudited() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("1440", attribute(page.body(), "policies:invitation-default", "value"));
        assertEquals("10080", attribute(page.body(), "policies:invitation-maximum", "value"));
        assertTrue(checked(page.body(), "policies:lobby"), "the lobby is on by default");
        assertFalse(checked(page.body(), "policies:single-use"));
        assertFalse(checked(page.body(), "policies:recording"));
        assertEquals("2 minutes", text(page.body(), "empty-room-timeout-now"));
        assertEquals("12 hours", text(page.body(), "max-visit-length-now"));
        assertTrue(page.body().contains("/admin/policies.xhtml\" aria-current=\"page\""), "the navigation shows where we are");
        long sequence = TestDatabase.lastAuditSequence();

        // Out of range: refused next to the field, nothing stored.
        HttpResponse<String> refused = sam.postFaces(PAGE, page.body(), "policies",
                form(false, "20000", "10080", false, false, "2", "720"), "policies:submit");
        assertEquals(200, refused.statusCode());
        assertEquals("The default lifetime is from 1 to 10080 minutes (7 days).",
                text(refused.body(), "invitation-default-error"), refused.body());
        assertEquals("true", attribute(refused.body(), "policies:invitation-default", "aria-invalid"));
        assertTrue(attribute(refused.body(), "policies:invitation-default", "aria-describedby")
                .contains("invitation-default-error"));
        assertEquals("20000", attribute(refused.body(), "policies:invitation-default", "value"), "what was typed stays");
        // An empty room that outlives the longest visit: refused too.
        HttpResponse<String> tooLongEmpty = sam.postFaces(PAGE, refused.body(), "policies",
                form(false, "90", "120", false, false, "30", "10"), "policies:submit");
        assertEquals("The empty-room timeout cannot be longer than the maximum visit length (10 minutes).",
                text(tooLongEmpty.body(), "empty-room-timeout-error"), tooLongEmpty.body());
        assertEquals(List.of("1440", "10080", "true"), stored());
        assertFalse(TestDatabase.auditAfter(sequence, "action").contains("configuration-changed"));

        // A good change: the lobby off by default, invitations 90 minutes unless said, 120 at most.
        HttpResponse<String> saved = sam.postFaces(PAGE, tooLongEmpty.body(), "policies",
                form(false, "90", "120", false, false, "2", "720"), "policies:submit");
        assertEquals(200, saved.statusCode());
        assertTrue(text(saved.body(), "policies-done").startsWith("Saved: lobby-by-default, invitation-default-minutes, "
                + "invitation-maximum-minutes."), saved.body());
        assertEquals("90", attribute(saved.body(), "policies:invitation-default", "value"));
        assertFalse(checked(saved.body(), "policies:lobby"));
        assertEquals(List.of("90", "120", "false"), stored());
        assertEquals("2 minutes", text(saved.body(), "empty-room-timeout-now"), "the call limits were left alone");

        // In effect at once, through the API.
        JsonObject room = json(sam.http.postJson("/api/rooms", "{\"displayName\":\"Policy check\",\"kind\":\"visit\"}"), 201);
        assertFalse(room.getBoolean("lobby"), "a room made without saying follows the new default");
        JsonObject withLobby = json(sam.http.postJson("/api/rooms",
                "{\"displayName\":\"Policy check 2\",\"kind\":\"visit\",\"lobby\":true}"), 201);
        assertTrue(withLobby.getBoolean("lobby"), "whoever makes the room may still choose");
        String rooms = "/api/rooms/" + room.getString("id");
        Instant asked = Instant.now();
        JsonObject invitation = json(sam.http.postJson(rooms + "/invitations", "{}"), 201);
        Duration lifetime = Duration.between(asked, Instant.parse(invitation.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofMinutes(89)) > 0 && lifetime.compareTo(Duration.ofMinutes(91)) < 0,
                "expires per the new default: " + lifetime);
        assertFalse(invitation.getBoolean("singleUse"));
        HttpResponse<String> tooLong = sam.http.postJson(rooms + "/invitations", "{\"expiresInMinutes\":121}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("expiresInMinutes") && tooLong.body().contains("120 minutes"), tooLong.body());
        assertEquals(201, sam.http.postJson(rooms + "/invitations", "{\"expiresInMinutes\":120}").statusCode());

        // Audited with the values before and after, and found by the console's audit search.
        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        List<String> changes = events.stream().filter(e -> e.startsWith("configuration-changed")).toList();
        assertEquals(1, changes.size(), events::toString);
        String change = changes.get(0);
        assertTrue(change.startsWith("configuration-changed " + AdminConsoleIT.ADMIN + " success policy:rooms"), change);
        assertTrue(change.contains("\"before\":\"lobby-by-default=true; invitation-default-minutes=1440; "
                + "invitation-maximum-minutes=10080\""), change);
        assertTrue(change.contains("\"after\":\"lobby-by-default=false; invitation-default-minutes=90; "
                + "invitation-maximum-minutes=120\""), change);
        HttpResponse<String> search = sam.http.get("/admin/audit.xhtml?action=configuration-changed&target="
                + URLEncoder.encode("policy:rooms", StandardCharsets.UTF_8) + "&actor=" + AdminConsoleIT.ADMIN);
        assertEquals(200, search.statusCode());
        assertTrue(search.body().contains("invitation-default-minutes=1440") && search.body().contains(
                "invitation-default-minutes=90"), search.body());

        sam.http.delete(rooms);
        sam.http.delete("/api/rooms/" + withLobby.getString("id"));
    }

    @Test
    void theCallLimitsComeFromTheConfigurationUntilSetHere() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertTrue(page.body().contains("the server configuration, consilium.call.empty-room-timeout"), page.body());
        HttpResponse<String> saved = sam.postFaces(PAGE, page.body(), "policies",
                form(true, "1440", "10080", true, true, "5", "60"), "policies:submit");
        assertEquals("5 minutes", text(saved.body(), "empty-room-timeout-now"), saved.body());
        assertEquals("1 hour", text(saved.body(), "max-visit-length-now"));
        assertTrue(saved.body().contains("(set here)"));
        assertTrue(checked(saved.body(), "policies:single-use"));
        assertTrue(checked(saved.body(), "policies:recording"));
        try (Connection db = TestDatabase.asServer(); ResultSet row = db.createStatement().executeQuery(
                "select empty_room_timeout_seconds, max_visit_length_seconds, invitation_single_use, recording_allowed "
                        + "from room_policy")) {
            assertTrue(row.next());
            assertEquals(300, row.getLong(1));
            assertEquals(3600, row.getLong(2));
            assertTrue(row.getBoolean(3));
            assertTrue(row.getBoolean(4));
        }
        // An invitation made without saying is single-use now.
        JsonObject room = json(sam.http.postJson("/api/rooms", "{\"displayName\":\"Policy check\",\"kind\":\"visit\"}"), 201);
        assertTrue(room.getBoolean("lobby"));
        String rooms = "/api/rooms/" + room.getString("id");
        assertTrue(json(sam.http.postJson(rooms + "/invitations", "{}"), 201).getBoolean("singleUse"));
        assertFalse(json(sam.http.postJson(rooms + "/invitations", "{\"singleUse\":false}"), 201).getBoolean("singleUse"));
        sam.http.delete(rooms);
    }

    @Test
    void theReconnectGraceComesFromTheConfigurationUntilSetHere() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals("1 minute", text(page.body(), "reconnect-grace-now"), "the default");
        assertEquals("60", attribute(page.body(), "policies:reconnect-grace", "value"));
        assertTrue(page.body().contains("(the server configuration, consilium.call.reconnect-grace)"), page.body());
        long sequence = TestDatabase.lastAuditSequence();
        try {
            setProperty(RECONNECT_GRACE, "PT90S"); // as the appliance's call_reconnect_grace sets it
            page = sam.http.get(PAGE);
            assertEquals("90 seconds", text(page.body(), "reconnect-grace-now"));
            assertEquals("90", attribute(page.body(), "policies:reconnect-grace", "value"));

            // Saved with the grace as shown: still the configuration's.
            HttpResponse<String> asShown = sam.postFaces(PAGE, page.body(), "policies",
                    form(true, "1440", "10080", false, false, "2", "720"), "policies:submit");
            assertEquals("Nothing was changed: these are the policies in force.", text(asShown.body(), "policies-done"),
                    asShown.body());
            assertNull(graceStored());

            // Out of range: refused next to the field, nothing stored.
            Map<String, String> tooLong = form(true, "1440", "10080", false, false, "2", "720");
            tooLong.put("policies:reconnect-grace", "601");
            HttpResponse<String> refused = sam.postFaces(PAGE, asShown.body(), "policies", tooLong, "policies:submit");
            assertEquals("The reconnect grace is from 0 to 600 seconds (10 minutes).",
                    text(refused.body(), "reconnect-grace-error"), refused.body());
            assertEquals("true", attribute(refused.body(), "policies:reconnect-grace", "aria-invalid"));
            assertNull(graceStored());

            // Set here: stored, in force, audited; the configuration no longer matters.
            Map<String, String> thirty = form(true, "1440", "10080", false, false, "2", "720");
            thirty.put("policies:reconnect-grace", "30");
            HttpResponse<String> saved = sam.postFaces(PAGE, refused.body(), "policies", thirty, "policies:submit");
            assertTrue(text(saved.body(), "policies-done").startsWith("Saved: reconnect-grace."), saved.body());
            assertEquals("30 seconds", text(saved.body(), "reconnect-grace-now"));
            assertTrue(saved.body().contains("(set here)") && !saved.body().contains("consilium.call.reconnect-grace)"),
                    "the grace now comes from here: " + saved.body());
            assertEquals(Long.valueOf(30), graceStored());
            setProperty(RECONNECT_GRACE, "PT5M");
            assertEquals("30 seconds", text(sam.http.get(PAGE).body(), "reconnect-grace-now"), "the policy wins");
            List<String> changes = TestDatabase.auditAfter(sequence, "action", "details").stream()
                    .filter(e -> e.startsWith("configuration-changed")).toList();
            assertEquals(1, changes.size(), changes::toString);
            assertTrue(changes.get(0).contains("\"before\":\"reconnect-grace=configuration\"")
                    && changes.get(0).contains("\"after\":\"reconnect-grace=PT30S\""), changes.get(0));
        } finally {
            management.getControllerClient().execute(
                    Operations.createRemoveOperation(Operations.createAddress("system-property", RECONNECT_GRACE)));
        }
    }

    /** The reconnect grace the room policy stores, in seconds; null: the configuration's. */
    private static Long graceStored() throws Exception {
        try (Connection db = TestDatabase.asServer(); ResultSet row = db.createStatement().executeQuery(
                "select reconnect_grace_seconds from room_policy")) {
            assertTrue(row.next());
            long seconds = row.getLong(1);
            return row.wasNull() ? null : seconds;
        }
    }

    private void setProperty(String name, String value) throws Exception {
        ModelNode address = Operations.createAddress("system-property", name);
        management.getControllerClient().execute(Operations.createRemoveOperation(address));
        ModelNode add = Operations.createAddOperation(address);
        add.get("value").set(value);
        ModelNode outcome = management.getControllerClient().execute(add);
        assertTrue(Operations.isSuccessfulOutcome(outcome), outcome::toString);
    }

    @Test
    void anAuditorGets403OnThePageAndOnAPostMadeByHand() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        String html = sam.http.get(PAGE).body();
        ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
        assertFalse(lee.http.get("/admin/").body().contains(PAGE), "no link to the page for auditors");
        long sequence = TestDatabase.lastAuditSequence();

        HttpResponse<String> get = lee.http.get(PAGE);
        assertEquals(403, get.statusCode());
        assertTrue(get.body().contains("You do not have access to this page"));
        Map<String, String> fields = new LinkedHashMap<>(Map.of("policies", "policies"));
        fields.putAll(form(false, "5", "10", false, true, "2", "720"));
        fields.put("policies:submit", "submit");
        fields.put("jakarta.faces.ViewState", ConsoleUser.viewState(html, "policies"));
        assertEquals(403, lee.http.postForm(PAGE, fields, Map.of("Origin", lee.http.origin())).statusCode());

        assertEquals(List.of("1440", "10080", "true"), stored());
        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target");
        assertTrue(events.contains("access-denied " + AdminConsoleIT.AUDITOR + " denied page:" + PAGE), events::toString);
        assertFalse(events.stream().anyMatch(e -> e.startsWith("configuration-changed")), events::toString);
    }

    /** The form's fields as a browser sends them (an unticked box is not sent). */
    static Map<String, String> form(boolean lobby, String invitationDefault, String invitationMaximum, boolean singleUse,
                                    boolean recording, String emptyRoomMinutes, String maxVisitMinutes) {
        Map<String, String> form = new LinkedHashMap<>();
        if (lobby) {
            form.put("policies:lobby", "on");
        }
        if (recording) {
            form.put("policies:recording", "on");
        }
        form.put("policies:invitation-default", invitationDefault);
        form.put("policies:invitation-maximum", invitationMaximum);
        if (singleUse) {
            form.put("policies:single-use", "on");
        }
        form.put("policies:empty-room-timeout", emptyRoomMinutes);
        form.put("policies:max-visit-length", maxVisitMinutes);
        return form;
    }

    /** Default lifetime, maximum and lobby default as stored. */
    static List<String> stored() throws Exception {
        try (Connection db = TestDatabase.asServer(); ResultSet row = db.createStatement().executeQuery(
                "select invitation_default_minutes, invitation_maximum_minutes, lobby_by_default from room_policy")) {
            assertTrue(row.next());
            return List.of(row.getString(1), row.getString(2), Boolean.toString(row.getBoolean(3)));
        }
    }

    static boolean checked(String html, String id) {
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("<input[^>]*id=\"" + java.util.regex.Pattern.quote(id)
                + "\"[^>]*>").matcher(html);
        assertTrue(input.find(), "no #" + id);
        return input.group().contains("checked");
    }

    static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
