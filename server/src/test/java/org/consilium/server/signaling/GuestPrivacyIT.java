package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.chromiumOffer;
import static org.consilium.server.signaling.CallFixtures.json;
import static org.consilium.server.signaling.CallFixtures.jsonString;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.GuestJoinForm;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guest privacy on the real server (issue 20, item 6): a room's internal name may name the
 * patient, so a guest gets the label its hosts chose, never the name: not on the join page,
 * the waiting page, their page titles, in any signaling message from the lobby to the room's
 * close, nor in any API answer their session gets; staff keep seeing the name. The guest must
 * acknowledge the hospital's privacy notice (set in the console, versioned) before the lobby:
 * without it they are refused and it is audited; with it the acknowledgement is in the audit
 * trail and on their stint of the visit. A label that will not do is refused naming the field,
 * and nothing changes.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class GuestPrivacyIT {

    private static final String LABEL = "Dermatology clinic, Dr. Ortiz";
    private static final Duration WRITES = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void aGuestSeesTheLabelAndNeverTheRoomsNameFromTheLinkToTheRoomsClose() throws Exception {
        String patient = "Zebulon Quartermaine " + UUID.randomUUID().toString().substring(0, 8);
        String name = "Follow-up " + patient;
        Browserless ana = signedIn("aortiz");
        HttpResponse<String> created = ana.postJson("/api/rooms", "{\"displayName\":" + jsonString(name)
                + ",\"kind\":\"visit\",\"guestLabel\":" + jsonString(LABEL) + "}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject room = json(created.body()).asJsonObject();
        assertEquals(name, room.getString("displayName"), "staff see the name");
        assertEquals(LABEL, room.getString("guestLabel"));
        assertEquals(LABEL, room.getString("shownToGuests"));
        String roomId = room.getString("id");
        JsonObject invitation = json(ana.postJson("/api/rooms/" + roomId + "/invitations", "{\"singleUse\":true}").body())
                .asJsonObject();
        String inv = invitation.getString("id");
        String join = URI.create(invitation.getString("link")).getPath();
        long before = TestDatabase.lastAuditSequence();
        List<String> guestReceived = new ArrayList<>();

        Browserless guest = new Browserless();
        HttpResponse<String> page = guest.get(join);
        guestReceived.add(page.headers().toString() + page.body());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<title>Join: " + LABEL + " · Consilium</title>"), page.body());
        assertTrue(page.body().contains("Join <span id=\"room-label\">" + LABEL + "</span>"), page.body());
        assertTrue(page.body().contains("<h2 id=\"privacy-notice-title\">Privacy notice</h2>"), page.body());
        assertTrue(page.body().contains("<label for=\"privacy-acknowledged\">I have read the privacy notice</label>"));
        int version = GuestJoinForm.noticeVersion(page.body());

        // Without the acknowledgement: the form again, nothing used (the link is single-use), audited.
        HttpResponse<String> unacknowledged = guest.postForm(join, Map.of("displayName", "Maria",
                "privacyNotice", Integer.toString(version)));
        guestReceived.add(unacknowledged.body());
        assertEquals(400, unacknowledged.statusCode(), unacknowledged.body());
        assertTrue(unacknowledged.body().contains("role=\"alert\" id=\"privacy-error\">Please read the privacy notice"),
                unacknowledged.body());
        assertTrue(unacknowledged.body().contains("value=\"Maria\""), "the name typed is kept");
        HttpResponse<String> notWaiting = guest.get("/guest/waiting");
        guestReceived.add(notWaiting.body());
        assertEquals(403, notWaiting.statusCode(), "refused: no guest in the session");

        HttpResponse<String> named = guest.postForm(join, GuestJoinForm.acknowledged(page.body(), "Maria"));
        assertEquals(303, named.statusCode(), named.body());
        HttpResponse<String> waiting = guest.get("/guest/waiting");
        guestReceived.add(waiting.body());
        assertEquals(200, waiting.statusCode());
        assertTrue(waiting.body().contains("Waiting room: " + LABEL), waiting.body());
        for (String api : List.of("/api/rooms/" + roomId, "/api/rooms/" + roomId + "/visits", "/api/rooms", "/api/me",
                "/call.xhtml?room=" + roomId, "/join/" + "x".repeat(20), "/no-such-page")) {
            HttpResponse<String> answer = guest.get(api);
            guestReceived.add(answer.headers() + answer.body());
            assertNotEquals(200, api.startsWith("/api") ? answer.statusCode() : 0, api + " is not for guests");
        }

        List<String> staffReceived;
        try (SignalingClient anaCall = SignalingClient.open(ana, roomId, SignalingClient.ORIGIN);
             SignalingClient guestCall = SignalingClient.open(guest, roomId, SignalingClient.ORIGIN)) {
            String anaJoined = anaCall.await("joined");
            assertTrue(anaJoined.contains("\"name\":" + jsonString(name)), "the owner's call says the name: " + anaJoined);
            guestCall.send("{\"type\":\"join\"}");
            assertTrue(guestCall.await("lobby").contains("\"room\":" + jsonString(LABEL)), "the lobby says the label");
            String queue = anaCall.await("lobby-queue");
            anaCall.send("{\"type\":\"admit\",\"participant\":\"" + SignalingIT.idOf(queue, "Maria") + "\"}");
            String joined = guestCall.await("joined");
            assertTrue(joined.contains("\"room\":{\"name\":" + jsonString(LABEL)), joined);
            guestCall.send("{\"type\":\"offer\",\"sdp\":" + jsonString(chromiumOffer()) + "}");
            guestCall.await("answer");
            anaCall.send("{\"type\":\"chat\",\"text\":\"Good morning\"}");
            guestCall.await("chat");
            guestCall.send("{\"type\":\"mute\",\"audio\":true,\"video\":false}");
            anaCall.await("participants");

            assertEquals(200, ana.delete("/api/rooms/" + roomId).statusCode());
            assertTrue(guestCall.await("room-closed").contains("The room was closed."));
            guestCall.awaitClosed();
            guestReceived.addAll(guestCall.everything());
            staffReceived = anaCall.everything();
        }

        assertTrue(guestReceived.size() > 12, guestReceived.toString());
        for (String received : guestReceived) {
            assertFalse(received.contains("Quartermaine") || received.contains("Follow-up"),
                    "a guest received the room's name: " + received);
        }
        assertTrue(staffReceived.stream().anyMatch(m -> m.contains(patient)), "staff keep seeing the name");

        // The acknowledgement: in the audit trail, and on the guest's stint of the visit.
        String sha256 = noticeSha256(version);
        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
        assertTrue(events.contains("access-denied guest:" + inv + " denied invitation:" + inv
                + " {\"attempted\":\"join-lobby\",\"reason\":\"privacy-notice-not-acknowledged\",\"room\":\"room:" + roomId
                + "\"}"), events.toString());
        assertTrue(events.contains("privacy-notice-acknowledged guest:" + inv + " success invitation:" + inv
                + " {\"room\":\"room:" + roomId + "\",\"sha256\":\"" + sha256 + "\",\"version\":\"" + version + "\"}"),
                events.toString());
        assertFalse(events.toString().contains("Quartermaine") || events.toString().contains(LABEL),
                "neither the name nor the label is written to the trail");
        JsonObject stint = Poll.until(WRITES, () -> guestStint(ana, roomId), s -> s != null && s.containsKey("privacyNotice"),
                "the guest's stint with the notice acknowledged");
        assertEquals(version, stint.getJsonObject("privacyNotice").getInt("version"));
        assertEquals(sha256, stint.getJsonObject("privacyNotice").getString("sha256"));
        try (Connection db = TestDatabase.asServer(); PreparedStatement select = db.prepareStatement(
                "select p.privacy_notice_version, p.privacy_notice_sha256, p.privacy_notice_acknowledged_at from visit_participant p"
                        + " join visit v on v.id = p.visit_id where v.room_id = ?::uuid and p.principal = ?")) {
            select.setString(1, roomId);
            select.setString(2, "guest:" + inv);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(version, row.getInt(1));
                assertEquals(sha256, row.getString(2));
                assertTrue(row.getTimestamp(3) != null);
            }
        }
        try (Connection db = TestDatabase.asServer(); PreparedStatement select = db.prepareStatement(
                "select count(*) from visit_participant p join visit v on v.id = p.visit_id"
                        + " where v.room_id = ?::uuid and p.principal = 'aortiz' and p.privacy_notice_version is null")) {
            select.setString(1, roomId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(1, row.getInt(1), "staff acknowledge nothing on a guest's page");
            }
        }
    }

    @Test
    void aLabelThatWillNotDoIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
        Browserless ana = signedIn("aortiz");
        String name = "Follow-up Yolanda Featherstonehaugh";
        assertField(ana.postJson("/api/rooms", "{\"displayName\":\"" + name + "\",\"kind\":\"visit\",\"guestLabel\":\""
                + "x".repeat(81) + "\"}"), "1 to 80 characters");
        assertField(ana.postJson("/api/rooms", "{\"displayName\":\"" + name + "\",\"kind\":\"visit\",\"guestLabel\":\" "
                + name.toLowerCase() + "\"}"), "must not be the room's name");
        assertFalse(ana.get("/api/rooms").body().contains("Featherstonehaugh"), "no room was made");

        String roomId = json(ana.postJson("/api/rooms", "{\"displayName\":\"" + name + "\",\"kind\":\"visit\"}").body())
                .asJsonObject().getString("id");
        JsonObject fresh = json(ana.get("/api/rooms/" + roomId).body()).asJsonObject();
        assertFalse(fresh.containsKey("guestLabel"));
        assertEquals("Video visit", fresh.getString("shownToGuests"), "the default, the same for every room");
        String link = json(ana.postJson("/api/rooms/" + roomId + "/invitations", "{}").body()).asJsonObject().getString("link");
        assertTrue(new Browserless().get(URI.create(link).getPath()).body().contains("<span id=\"room-label\">Video visit</span>"));
        long before = TestDatabase.lastAuditSequence();

        String path = "/api/rooms/" + roomId + "/guest-label";
        assertField(ana.putJson(path, "{\"guestLabel\":\"Skin clinic\\nAdmitted\"}"), "control");
        assertField(ana.putJson(path, "{\"guestLabel\":\"Skin \\u202Ecinilc\"}"), "control");
        assertField(ana.putJson(path, "{\"guestLabel\":\"\"}"), "1 to 80 characters");
        assertField(ana.putJson(path, "{\"guestLabel\":\"" + name + "\"}"), "must not be the room's name");
        assertField(ana.putJson(path, "{}"), "DELETE");
        assertEquals(400, ana.putJson(path, "{\"guestLabel\":7}").statusCode());
        assertEquals(403, signedIn("bokafor").putJson(path, "{\"guestLabel\":\"Ben's choice\"}").statusCode(),
                "not his room");
        assertFalse(json(ana.get("/api/rooms/" + roomId).body()).asJsonObject().containsKey("guestLabel"), "unchanged");

        HttpResponse<String> labelled = ana.putJson(path, "{\"guestLabel\":\"  Skin clinic  \"}");
        assertEquals(200, labelled.statusCode(), labelled.body());
        assertEquals("Skin clinic", json(labelled.body()).asJsonObject().getString("shownToGuests"));
        assertTrue(new Browserless().get(URI.create(link).getPath()).body().contains("<span id=\"room-label\">Skin clinic</span>"),
                "the next guest to open the link sees the new label");
        HttpResponse<String> reset = ana.delete(path);
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("Video visit", json(reset.body()).asJsonObject().getString("shownToGuests"));

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
        assertEquals(List.of("access-denied bokafor denied room:" + roomId + " {\"attempted\":\"change-guest-label\"}",
                        "room-guest-label-changed aortiz success room:" + roomId + " {\"guestLabel\":\"set\"}",
                        "room-guest-label-changed aortiz success room:" + roomId + " {\"guestLabel\":\"default\"}"),
                events.stream().filter(e -> e.contains("room:" + roomId) && !e.startsWith("invitation")).toList());
        assertFalse(events.toString().contains("Skin clinic"), "the label's text is not in the trail");
    }

    @Test
    void theNoticeSetInTheConsoleIsTheOneANewGuestReadsAndAGuestWithTheOldOneIsAskedAgain() throws Exception {
        Browserless ana = signedIn("aortiz");
        String roomId = CallFixtures.createRoom(ana, "Notice check");
        String join = URI.create(json(ana.postJson("/api/rooms/" + roomId + "/invitations", "{}").body()).asJsonObject()
                .getString("link")).getPath();
        Browserless early = new Browserless();
        String oldPage = early.get(join).body();
        int oldVersion = GuestJoinForm.noticeVersion(oldPage);
        String oldText = noticeText(oldVersion);
        Browserless admin = ConsoleUser.verifiedSession("srivera");
        long before = TestDatabase.lastAuditSequence();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String text = "St. Elsewhere's privacy notice " + marker + ": we keep your name and the time of the visit.\r\n\r\n"
                + "Ask the privacy office (extension 4242) about your rights.";
        try {
            HttpResponse<String> blank = ConsoleUser.submit(admin, "/admin/policies.xhtml", "privacy-notice",
                    Map.of("privacy-notice:text", "  \r\n "), "privacy-notice:save");
            assertEquals(200, blank.statusCode());
            assertTrue(blank.body().contains("id=\"privacy-notice-error\">The privacy notice must have 1 to 4000 characters."),
                    blank.body());
            assertEquals(oldVersion, GuestJoinForm.noticeVersion(new Browserless().get(join).body()), "nothing changed");

            HttpResponse<String> saved = ConsoleUser.submit(admin, "/admin/policies.xhtml", "privacy-notice",
                    Map.of("privacy-notice:text", text), "privacy-notice:save");
            assertTrue(saved.body().contains("id=\"privacy-notice-done\">Saved as version " + (oldVersion + 1)), saved.body());
            ConsoleScreenshots.take(admin, "/admin/policies.xhtml", "privacy-notice-heading", "privacy-notice-setting");
            HttpResponse<String> again = ConsoleUser.submit(admin, "/admin/policies.xhtml", "privacy-notice",
                    Map.of("privacy-notice:text", text), "privacy-notice:save");
            assertTrue(again.body().contains("Nothing was changed"), "the same text is no new version");

            Browserless late = new Browserless();
            String newPage = late.get(join).body();
            assertEquals(oldVersion + 1, GuestJoinForm.noticeVersion(newPage));
            assertTrue(newPage.contains("<p>St. Elsewhere&#39;s privacy notice " + marker)
                    || newPage.contains("<p>St. Elsewhere's privacy notice " + marker), newPage);
            assertTrue(newPage.contains("Ask the privacy office (extension 4242) about your rights.</p>"), newPage);

            HttpResponse<String> stale = early.postForm(join, GuestJoinForm.acknowledged(oldPage, "Early guest"));
            assertEquals(400, stale.statusCode(), "acknowledged a notice that is no longer in force");
            assertTrue(stale.body().contains("The privacy notice has changed since this page was opened"), stale.body());
            assertTrue(stale.body().contains(marker), "and the new one is shown");
            assertEquals(303, late.postForm(join, GuestJoinForm.acknowledged(newPage, "Late guest")).statusCode());

            String sha256 = noticeSha256(oldVersion + 1);
            List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
            assertTrue(events.contains("configuration-changed srivera success policy:privacy-notice {\"after\":\"version="
                    + (oldVersion + 1) + "; sha256=" + sha256 + "\",\"before\":\"version=" + oldVersion + "; sha256="
                    + noticeSha256(oldVersion) + "\",\"changed\":\"privacy-notice\"}"), events.toString());
            assertEquals(1, events.stream().filter(e -> e.startsWith("configuration-changed")).count(), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("access-denied guest:") && e.contains("privacy-notice-changed")),
                    events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("privacy-notice-acknowledged guest:")
                    && e.contains("\"version\":\"" + (oldVersion + 1) + "\"")), events.toString());

            Browserless auditor = ConsoleUser.verifiedSession("lchen");
            assertEquals(403, auditor.get("/admin/policies.xhtml").statusCode(), "administrators only");
        } finally {
            ConsoleUser.submit(admin, "/admin/policies.xhtml", "privacy-notice", Map.of("privacy-notice:text", oldText),
                    "privacy-notice:save"); // the text before (a new version of it), for the tests that follow
        }
    }

    private static void assertField(HttpResponse<String> response, String says) {
        assertEquals(400, response.statusCode(), response.body());
        JsonObject problem = json(response.body()).asJsonObject();
        assertEquals("guestLabel", problem.getString("field"), response.body());
        assertTrue(problem.getString("error").contains(says), response.body());
    }

    /** The guest's stint of the room's only visit, as its owner reads it, or null before it is written. */
    private static JsonObject guestStint(Browserless owner, String roomId) throws Exception {
        var visits = json(owner.get("/api/rooms/" + roomId + "/visits").body()).asJsonArray();
        if (visits.isEmpty()) {
            return null;
        }
        return visits.getJsonObject(0).getJsonArray("participants").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("role").equals("guest")).findFirst().orElse(null);
    }

    private static String noticeSha256(int version) throws Exception {
        return notice(version, "sha256");
    }

    private static String noticeText(int version) throws Exception {
        return notice(version, "text");
    }

    private static String notice(int version, String column) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select " + column + " from privacy_notice where version = ?")) {
            select.setInt(1, version);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "version " + version);
                return row.getString(1).strip();
            }
        }
    }
}
