package org.consilium.server.room;

import static org.consilium.server.room.Staff.array;
import static org.consilium.server.room.Staff.createRoom;
import static org.consilium.server.room.Staff.object;
import static org.consilium.server.room.Staff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rooms API and who may do what: a clinician runs the rooms they own or host and no
 * other; an auditor makes none; an administrator sees and closes all; every refusal is a
 * 403 in the trail, every bad field a 400 that names it.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RoomApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void aClinicianCreatesARoomAndFindsItAmongHers() throws Exception {
        Browserless ana = signedIn("aortiz");
        long before = RoomDatabase.lastAuditSequence();

        HttpResponse<String> created = ana.postJson("/api/rooms", "{\"displayName\":\"  Cardiology follow-up \",\"kind\":\"visit\"}");

        assertEquals(201, created.statusCode(), created.body());
        JsonObject room = object(created);
        String id = room.getString("id");
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/rooms/" + id));
        assertEquals("Cardiology follow-up", room.getString("displayName"));
        assertEquals("visit", room.getString("kind"));
        assertEquals("aortiz", room.getString("owner"));
        assertEquals("owner", room.getString("yourRole"));
        assertEquals(4, room.getInt("maxParticipants"));
        assertTrue(room.getBoolean("lobby"), "the lobby is on by default");
        assertFalse(room.getBoolean("locked"));
        assertEquals("open", room.getString("status"));
        assertEquals(0, room.getJsonArray("hosts").size());
        assertFalse(room.containsKey("closedAt"));
        List<String> events = RoomDatabase.auditAfter(before);
        assertTrue(events.contains("room-created aortiz success room:" + id + " {\"kind\":\"visit\",\"lobby\":\"true\"}"),
                events.toString());
        assertFalse(events.toString().contains("Cardiology"), "identifiers only, never the room's name");

        assertEquals(200, ana.get("/api/rooms/" + id).statusCode());
        assertTrue(ids(ana.get("/api/rooms")).contains(id));
        assertEquals(40, object(ana.postJson("/api/rooms", "{\"displayName\":\"Tumor board\",\"kind\":\"consult\"}")).getInt("maxParticipants"));
        JsonObject bedside = object(ana.postJson("/api/rooms", "{\"displayName\":\"ICU bed 7\",\"kind\":\"bedside\",\"lobby\":false}"));
        assertEquals(8, bedside.getInt("maxParticipants"));
        assertFalse(bedside.getBoolean("lobby"));
    }

    @Test
    void aChangeSentFromAnotherSiteIsRefusedWhateverCookieItCarries() throws Exception {
        Browserless ana = signedIn("aortiz");
        String room = "{\"displayName\":\"Origin check\",\"kind\":\"visit\"}";
        long before = RoomDatabase.lastAuditSequence();

        HttpResponse<String> foreign = ana.postJson("/api/rooms", room, Map.of("Origin", "https://elsewhere.example"));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("another site"), foreign.body());
        assertEquals(403, ana.postJson("/api/rooms", room, Map.of("Origin", "null")).statusCode(), "an unnamed page");
        assertTrue(RoomDatabase.auditAfter(before).stream().anyMatch(e -> e.startsWith("access-denied aortiz denied api:/api/rooms")),
                RoomDatabase.auditAfter(before).toString());

        assertEquals(201, ana.postJson("/api/rooms", room, Map.of("Origin", ana.origin())).statusCode(), "this site's own page");
        assertEquals(201, ana.postJson("/api/rooms", room).statusCode(), "a script that names no origin");
        assertEquals(200, ana.get("/api/rooms").statusCode(), "reading is not a change");
    }

    @Test
    void anotherClinicianCanNeitherOpenNorCloseNorInviteUntilTheOwnerNamesHimHost() throws Exception {
        Browserless ana = signedIn("aortiz");
        Browserless ben = signedIn("bokafor");
        String id = createRoom(ana, "Nephrology review", "visit");
        long before = RoomDatabase.lastAuditSequence();

        assertEquals(403, ben.get("/api/rooms/" + id).statusCode());
        assertEquals(403, ben.get("/api/rooms/" + id + "/visits").statusCode());
        assertEquals(403, ben.delete("/api/rooms/" + id).statusCode());
        assertEquals(403, ben.put("/api/rooms/" + id + "/hosts/bokafor").statusCode(), "nobody makes himself host");
        HttpResponse<String> invite = ben.postJson("/api/rooms/" + id + "/invitations", "{}");
        assertEquals(403, invite.statusCode());
        assertTrue(invite.body().contains("owner and the hosts"), invite.body());
        assertFalse(ids(ben.get("/api/rooms")).contains(id));

        HttpResponse<String> named = ana.put("/api/rooms/" + id + "/hosts/bokafor");
        assertEquals(200, named.statusCode(), named.body());
        assertEquals(List.of("bokafor"), object(named).getJsonArray("hosts").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());

        assertEquals("host", object(ben.get("/api/rooms/" + id)).getString("yourRole"));
        assertTrue(ids(ben.get("/api/rooms")).contains(id));
        assertEquals(403, ben.put("/api/rooms/" + id + "/hosts/lchen").statusCode(), "hosts do not name hosts");
        assertEquals(201, ben.postJson("/api/rooms/" + id + "/invitations", "{}").statusCode());
        HttpResponse<String> closed = ben.delete("/api/rooms/" + id);
        assertEquals(200, closed.statusCode(), closed.body());
        assertEquals("closed", object(closed).getString("status"));
        assertTrue(object(closed).containsKey("closedAt"));

        HttpResponse<String> again = ana.delete("/api/rooms/" + id);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("This room is closed"), again.body());
        assertEquals(409, ana.put("/api/rooms/" + id + "/hosts/srivera").statusCode());
        assertEquals(409, ana.postJson("/api/rooms/" + id + "/invitations", "{}").statusCode());
        assertFalse(ids(ana.get("/api/rooms")).contains(id), "closed rooms are not listed by default");
        assertTrue(ids(ana.get("/api/rooms?status=closed")).contains(id));
        assertTrue(ids(ana.get("/api/rooms?status=all")).contains(id));

        List<String> events = RoomDatabase.auditAfter(before);
        String target = "room:" + id;
        for (String refused : List.of("view-room", "view-visits", "close-room", "add-host", "invite-guest")) {
            assertTrue(events.contains("access-denied bokafor denied " + target + " {\"attempted\":\"" + refused + "\"}"),
                    refused + " in " + events);
        }
        assertTrue(events.contains("room-host-added aortiz success " + target + " {\"host\":\"bokafor\"}"), events.toString());
        assertTrue(events.contains("room-closed bokafor success " + target + " {}"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("invitation-created bokafor success invitation:")), events.toString());
    }

    @Test
    void theOwnerRemovesAHostAndTheHostLosesTheRoom() throws Exception {
        Browserless ana = signedIn("aortiz");
        Browserless ben = signedIn("bokafor");
        String id = createRoom(ana, "Pain clinic", "visit");
        ana.put("/api/rooms/" + id + "/hosts/BOkafor");
        assertEquals(200, ben.get("/api/rooms/" + id).statusCode());

        HttpResponse<String> removed = ana.delete("/api/rooms/" + id + "/hosts/bokafor");

        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(0, object(removed).getJsonArray("hosts").size());
        assertEquals(403, ben.get("/api/rooms/" + id).statusCode());
        assertEquals(409, ana.put("/api/rooms/" + id + "/hosts/aortiz").statusCode(), "the owner is not also a host");
    }

    @Test
    void anInvitedColleagueSeesTheRoomListedButNothingElseOfItAndOnlyWhoRunsItInvites() throws Exception {
        Browserless ana = signedIn("aortiz");
        Browserless ben = signedIn("bokafor");
        Browserless lee = signedIn("lchen");
        String id = createRoom(ana, "Tumor board", "consult");
        long before = RoomDatabase.lastAuditSequence();

        assertEquals(403, ben.put("/api/rooms/" + id + "/colleagues/bokafor").statusCode(), "nobody invites himself");
        assertField("username", ana.put("/api/rooms/" + id + "/colleagues/nobody-here"), "directory");
        HttpResponse<String> invited = ana.put("/api/rooms/" + id + "/colleagues/BOkafor");
        assertEquals(200, invited.statusCode(), invited.body());
        assertEquals("[\"bokafor\"]", object(invited).getJsonArray("colleagues").toString());
        assertEquals(200, ana.put("/api/rooms/" + id + "/colleagues/bokafor").statusCode(), "twice changes nothing");

        JsonObject listed = array(ben.get("/api/rooms")).getValuesAs(JsonObject.class).stream()
                .filter(room -> room.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("invited", listed.getString("yourRole"));
        assertEquals(0, listed.getJsonArray("colleagues").size(), "who else was invited is for who runs the room");
        assertEquals(0, listed.getInt("inCall"));
        assertEquals(403, ben.get("/api/rooms/" + id).statusCode(), "its details stay with who runs it");
        assertEquals(403, ben.get("/api/rooms/" + id + "/visits").statusCode());
        assertEquals(403, ben.postJson("/api/rooms/" + id + "/invitations", "{}").statusCode());
        assertEquals(403, ben.put("/api/rooms/" + id + "/colleagues/srivera").statusCode(), "an invited colleague invites nobody");

        // Finding colleagues: clinicians and administrators; 2 to 64 characters; never oneself.
        assertField("q", ana.get("/api/colleagues?q=o"), "2 to 64");
        assertField("q", ana.get("/api/colleagues?q=" + "x".repeat(65)), "2 to 64");
        assertEquals(403, lee.get("/api/colleagues?q=okafor").statusCode(), "auditors invite nobody");
        HttpResponse<String> found = ana.get("/api/colleagues?q=Okaf"); // any case
        assertEquals(200, found.statusCode(), found.body());
        List<JsonObject> colleagues = array(found).getValuesAs(JsonObject.class);
        assertEquals(1, colleagues.size(), found.body());
        assertEquals("Ben Okafor", colleagues.get(0).getString("displayName"));
        assertEquals("bokafor", colleagues.get(0).getString("username"));
        assertEquals(0, array(ana.get("/api/colleagues?q=%25%25")).size(), "% is a character, not a wildcard");
        assertEquals(0, array(ana.get("/api/colleagues?q=aortiz")).size(), "never oneself");

        HttpResponse<String> withdrawn = ana.delete("/api/rooms/" + id + "/colleagues/bokafor");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertFalse(ids(ben.get("/api/rooms")).contains(id), "no longer invited: no longer listed");

        List<String> events = RoomDatabase.auditAfter(before);
        String target = "room:" + id;
        assertTrue(events.contains("room-colleague-invited aortiz success " + target + " {\"colleague\":\"bokafor\"}"), events.toString());
        assertTrue(events.contains("room-colleague-withdrawn aortiz success " + target + " {\"colleague\":\"bokafor\"}"), events.toString());
        assertTrue(events.contains("access-denied bokafor denied " + target + " {\"attempted\":\"invite-colleague\"}"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("colleagues-searched aortiz success") && e.contains("\"found\":\"1\"")),
                events.toString());
        assertFalse(events.stream().anyMatch(e -> e.contains("Okaf")), "what was typed is not in the audit trail: " + events);
    }

    @Test
    void anAuditorCannotCreateRoomsNorListThem() throws Exception {
        Browserless lee = signedIn("lchen");
        long before = RoomDatabase.lastAuditSequence();

        HttpResponse<String> refused = lee.postJson("/api/rooms", "{\"displayName\":\"Audit room\",\"kind\":\"visit\"}");

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Your role does not allow this."), refused.body());
        assertEquals(403, lee.get("/api/rooms").statusCode());
        List<String> events = RoomDatabase.auditAfter(before);
        assertTrue(events.contains("access-denied lchen denied api:POST /api/rooms {}"), events.toString());
        assertFalse(events.stream().anyMatch(e -> e.startsWith("room-created")), events.toString());
    }

    @Test
    void anAdministratorSeesEveryRoomAndMayCloseOneButInvitesNoGuests() throws Exception {
        Browserless ana = signedIn("aortiz");
        Browserless sam = signedIn("srivera");
        String id = createRoom(ana, "Dermatology", "visit");

        assertTrue(ids(sam.get("/api/rooms")).contains(id));
        JsonObject seen = object(sam.get("/api/rooms/" + id));
        assertFalse(seen.containsKey("yourRole"));
        assertEquals(403, sam.postJson("/api/rooms/" + id + "/invitations", "{}").statusCode());
        assertEquals(200, sam.delete("/api/rooms/" + id).statusCode());
    }

    @Test
    void anAnonymousCallerGets401AndSomeoneWithoutARoleCannotSignIn() throws Exception {
        Browserless nobody = new Browserless();
        String room = "/api/rooms/" + UUID.randomUUID();

        for (HttpResponse<String> answer : List.of(nobody.get("/api/rooms"),
                nobody.postJson("/api/rooms", "{\"displayName\":\"x\",\"kind\":\"visit\"}"), nobody.get(room),
                nobody.delete(room), nobody.put(room + "/hosts/bokafor"), nobody.postJson(room + "/invitations", "{}"),
                nobody.delete("/api/invitations/" + UUID.randomUUID()))) {
            assertEquals(401, answer.statusCode(), answer.request().uri() + " " + answer.body());
            assertTrue(answer.body().contains("Sign in first."), answer.body());
        }
        assertEquals(403, new Browserless().postJson("/api/session",
                "{\"username\":\"pdoe\",\"password\":\"" + DemoStaff.PASSWORD + "\"}").statusCode());
    }

    @Test
    void badInputIs400AndNamesTheField() throws Exception {
        Browserless ana = signedIn("aortiz");
        String id = createRoom(ana, "Validation", "visit");
        long before = RoomDatabase.lastAuditSequence();

        assertField("displayName", ana.postJson("/api/rooms", "{\"kind\":\"visit\"}"), "1 to 120 characters");
        assertField("displayName", ana.postJson("/api/rooms", "{\"displayName\":\"   \",\"kind\":\"visit\"}"), "1 to 120 characters");
        assertField("displayName", ana.postJson("/api/rooms", "{\"displayName\":\"" + "r".repeat(121) + "\",\"kind\":\"visit\"}"), "1 to 120");
        assertField("displayName", ana.postJson("/api/rooms", "{\"displayName\":\"Ward\\nAdmin\",\"kind\":\"visit\"}"), "control");
        assertField("kind", ana.postJson("/api/rooms", "{\"displayName\":\"Ward 3\",\"kind\":\"ward\"}"), "visit, consult or bedside");
        assertField("kind", ana.postJson("/api/rooms", "{\"displayName\":\"Ward 3\"}"), "visit, consult or bedside");
        assertField("status", ana.get("/api/rooms?status=everything"), "open, closed or all");
        assertField("expiresInMinutes", ana.postJson("/api/rooms/" + id + "/invitations", "{\"expiresInMinutes\":0}"), "1 minute to 7 days");
        assertField("expiresInMinutes", ana.postJson("/api/rooms/" + id + "/invitations", "{\"expiresInMinutes\":10081}"), "7 days");
        assertField("username", ana.put("/api/rooms/" + id + "/hosts/ben%20okafor"), "user name");

        // Types are never guessed: a wrong type is a 400 naming the field (it once became false, or a multi-use link).
        assertField("lobby", ana.postJson("/api/rooms", "{\"displayName\":\"Ward 3\",\"kind\":\"visit\",\"lobby\":\"yes\"}"),
                "true or false");
        assertField("lobby", ana.postJson("/api/rooms", "{\"displayName\":\"Ward 3\",\"kind\":\"visit\",\"lobby\":1}"),
                "true or false");
        assertField("displayName", ana.postJson("/api/rooms", "{\"displayName\":7,\"kind\":\"visit\"}"), "a string");
        assertField("singleUse", ana.postJson("/api/rooms/" + id + "/invitations", "{\"singleUse\":1}"), "true or false");
        assertField("singleUse", ana.postJson("/api/rooms/" + id + "/invitations", "{\"singleUse\":\"true\"}"), "true or false");
        assertField("expiresInMinutes", ana.postJson("/api/rooms/" + id + "/invitations", "{\"expiresInMinutes\":\"60\"}"),
                "whole number");
        assertField("expiresInMinutes", ana.postJson("/api/rooms/" + id + "/invitations", "{\"expiresInMinutes\":1.5}"),
                "whole number");
        assertField("hosts", ana.postJson("/api/rooms", "{\"displayName\":\"Ward 3\",\"kind\":\"visit\",\"hosts\":[\"nobody\"]}"),
                "not a field");
        assertField("username", new Browserless().postJson("/api/session", "{\"username\":1,\"password\":\"x\"}"), "a string");
        // Hosts are people of the directory.
        assertField("username", ana.put("/api/rooms/" + id + "/hosts/nobody-here"), "directory");
        assertEquals(List.of(), object(ana.get("/api/rooms/" + id)).getJsonArray("hosts"), "nobody was named");
        // Nesting has its own error, not "too large".
        HttpResponse<String> deep = ana.postJson("/api/rooms", "{\"displayName\":" + "[".repeat(40) + "]".repeat(40) + "}");
        assertEquals(400, deep.statusCode(), deep.body());
        assertTrue(deep.body().contains("nests deeper than 16 levels"), deep.body());
        assertEquals(List.of(), RoomDatabase.auditAfter(before).stream().filter(e -> e.startsWith("room-created")).toList(),
                "no room was made of any of these");

        HttpResponse<String> garbage = ana.postJson("/api/rooms", "{\"displayName\":");
        assertEquals(400, garbage.statusCode());
        assertFalse(garbage.body().contains("Exception"), garbage.body());
        assertEquals(404, ana.get("/api/rooms/" + UUID.randomUUID()).statusCode());
        assertEquals(404, ana.get("/api/rooms/not-a-room").statusCode());
        assertEquals(404, ana.delete("/api/invitations/" + UUID.randomUUID()).statusCode());
        assertEquals(404, ana.postJson("/api/rooms/" + UUID.randomUUID() + "/invitations", "{}").statusCode());
    }

    @Test
    void closingARoomEndsTheVisitGoingOnAndItsHistoryShowsWhoTookPartAsWhat() throws Exception {
        Browserless ana = signedIn("aortiz");
        String id = createRoom(ana, "Follow-up with history", "visit");
        UUID room = UUID.fromString(id);
        UUID visit = UUID.randomUUID();
        Instant start = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        // The visit itself comes with the signaling; here it is set up in the database as it will record it.
        RoomDatabase.update("insert into visit (id, room_id, max_participants, started_at, ended_at, version) values (?, ?, 4, ?, null, 0)",
                visit, room, Timestamp.from(start));
        RoomDatabase.update("insert into visit_participant (visit_id, principal, display_name, role, joined_at, left_at) values (?, 'aortiz', 'Ana Ortiz', 'OWNER', ?, null)",
                visit, Timestamp.from(start));
        RoomDatabase.update("insert into visit_participant (visit_id, principal, display_name, role, joined_at, left_at) values (?, ?, 'Maria', 'GUEST', ?, ?)",
                visit, "guest:" + UUID.randomUUID(), Timestamp.from(start.plusSeconds(60)), Timestamp.from(start.plusSeconds(600)));
        // Ana's connection could carry no video for five minutes (the call notes it: ModalityWatch)
        RoomDatabase.update("insert into visit_participant_modality (participant_id, changed_at, modality)"
                + " select id, ?, 'AUDIO_ONLY' from visit_participant where visit_id = ? and principal = 'aortiz'",
                Timestamp.from(start.plusSeconds(120)), visit);
        RoomDatabase.update("insert into visit_participant_modality (participant_id, changed_at, modality)"
                + " select id, ?, 'VIDEO' from visit_participant where visit_id = ? and principal = 'aortiz'",
                Timestamp.from(start.plusSeconds(420)), visit);
        assertThrows(SQLException.class, () -> RoomDatabase.update(
                "insert into visit (id, room_id, max_participants, started_at, ended_at, version) values (?, ?, 4, ?, null, 0)",
                UUID.randomUUID(), room, Timestamp.from(start)), "PostgreSQL refuses a second visit going on in one room");
        long before = RoomDatabase.lastAuditSequence();

        assertEquals(200, ana.delete("/api/rooms/" + id).statusCode());

        JsonArray visits = array(ana.get("/api/rooms/" + id + "/visits"));
        assertEquals(1, visits.size());
        JsonObject ended = visits.getJsonObject(0);
        assertEquals(visit.toString(), ended.getString("id"));
        assertTrue(ended.containsKey("endedAt"), ended.toString());
        assertTrue(ended.getJsonNumber("durationSeconds").longValue() >= 20 * 60, ended.toString());
        JsonArray people = ended.getJsonArray("participants");
        assertEquals(List.of("owner", "guest"), people.getValuesAs(JsonObject.class).stream().map(p -> p.getString("role")).toList());
        assertEquals("Ana Ortiz", people.getJsonObject(0).getString("displayName"));
        assertEquals(ended.getString("endedAt"), people.getJsonObject(0).getString("leftAt"), "everyone still in leaves when it ends");
        assertEquals(Instant.parse(people.getJsonObject(1).getString("leftAt")), start.plusSeconds(600));
        JsonArray anasModality = people.getJsonObject(0).getJsonArray("modalityChanges");
        assertEquals(List.of("audio-only", "video"), anasModality.getValuesAs(JsonObject.class).stream()
                .map(change -> change.getString("modality")).toList(), "for the bill: audio only, then video again");
        assertEquals(start.plusSeconds(120), Instant.parse(anasModality.getJsonObject(0).getString("at")));
        assertEquals(0, people.getJsonObject(1).getJsonArray("modalityChanges").size(), "Maria had video throughout");
        assertTrue(RoomDatabase.auditAfter(before).contains(
                "visit-ended aortiz success visit:" + visit + " {\"reason\":\"room-closed\",\"room\":\"room:" + id + "\"}"));
    }

    @Test
    void theOpenApiDocumentDescribesTheRoomsApi() throws Exception {
        HttpResponse<String> document = new Browserless().get("/openapi?format=JSON");

        assertEquals(200, document.statusCode(), document.body());
        JsonObject openApi = object(document);
        assertTrue(openApi.getString("openapi").startsWith("3."), openApi.getString("openapi"));
        assertEquals("Consilium API", openApi.getJsonObject("info").getString("title"));
        JsonObject paths = openApi.getJsonObject("paths");
        for (String path : List.of("/api/rooms", "/api/rooms/{id}", "/api/rooms/{id}/hosts/{username}",
                "/api/rooms/{id}/colleagues/{username}", "/api/colleagues",
                "/api/rooms/{id}/invitations", "/api/invitations/{id}")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertEquals("Create a room", paths.getJsonObject("/api/rooms").getJsonObject("post").getString("summary"));
    }

    private static void assertField(String field, HttpResponse<String> answer, String explanation) {
        assertEquals(400, answer.statusCode(), answer.body());
        JsonObject problem = object(answer);
        assertEquals(field, problem.getString("field"), answer.body());
        assertEquals(400, problem.getInt("status"));
        assertTrue(problem.getString("error").contains(explanation), answer.body());
    }

    private static List<String> ids(HttpResponse<String> listing) {
        assertEquals(200, listing.statusCode(), listing.body());
        return array(listing).getValuesAs(JsonObject.class).stream().map(room -> room.getString("id")).toList();
    }
}
