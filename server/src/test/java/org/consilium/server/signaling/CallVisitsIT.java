package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.createRoom;
import static org.consilium.server.signaling.CallFixtures.json;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SystemProperties;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live calls recorded as visits (REQUIREMENTS D4), read back through
 * {@code GET /api/rooms/{id}/visits}: who took part as what, each stint; the empty-room
 * timeout ends a visit, coming back in time continues it, the same person in a second
 * window takes over, closing the room ends the call and the visit once, the maximum length
 * closes the call. The call limits are set short per test through the management API
 * (they are read when a room's call starts) and removed afterwards.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class CallVisitsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @AfterEach
    void defaultLimits() throws Exception {
        unset("consilium.call.empty-room-timeout");
        unset("consilium.call.max-visit-length");
    }

    @Test
    void aCallIsRecordedStintByStintAndItsVisitEndsWhenTheRoomStaysEmpty() throws Exception {
        set("consilium.call.empty-room-timeout", "PT2S");
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Visit record check");
        Browserless guestBrowser = guest(ana, room, "Pat Guest");

        try (SignalingClient anaLine = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            anaLine.await("joined");
            try (SignalingClient guestLine = SignalingClient.open(guestBrowser, room, SignalingClient.ORIGIN);
                 SignalingClient benLine = SignalingClient.open(signedIn("bokafor"), room, SignalingClient.ORIGIN)) {
                guestLine.await("lobby");
                benLine.await("lobby");
                String queue = anaLine.await("lobby-queue");
                while (!(queue.contains("Pat Guest") && queue.contains("Ben Okafor"))) {
                    queue = anaLine.await("lobby-queue");
                }
                anaLine.send(admit(SignalingIT.idOf(queue, "Pat Guest")));
                anaLine.send(admit(SignalingIT.idOf(queue, "Ben Okafor")));
                guestLine.await("joined");
                benLine.await("joined");
                JsonObject going = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.getJsonArray("participants").size() == 3,
                        "three stints recorded");
                assertFalse(going.containsKey("endedAt"), "going on while they are in");
            }
        }

        JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.containsKey("endedAt"),
                "the visit to end two seconds after the last one left");
        JsonArray stints = visit.getJsonArray("participants");
        assertEquals(List.of("aortiz owner Ana Ortiz", "guest guest Pat Guest", "bokafor participant Ben Okafor"),
                stints.getValuesAs(JsonObject.class).stream()
                        .map(s -> (s.getString("principal").startsWith("guest:") ? "guest" : s.getString("principal"))
                                + " " + s.getString("role") + " " + s.getString("displayName")).toList());
        Instant lastLeft = Instant.EPOCH;
        for (JsonObject stint : stints.getValuesAs(JsonObject.class)) {
            assertTrue(stint.containsKey("leftAt"), "everyone left: " + stint);
            Instant left = Instant.parse(stint.getString("leftAt"));
            assertFalse(left.isBefore(Instant.parse(stint.getString("joinedAt"))));
            lastLeft = left.isAfter(lastLeft) ? left : lastLeft;
        }
        Instant ended = Instant.parse(visit.getString("endedAt"));
        assertFalse(ended.isBefore(lastLeft.plusSeconds(2)), "ended after the empty-room timeout: " + visit);
    }

    @Test
    void comingBackInTimeContinuesTheVisitAndClosingTheRoomEndsItOnce() throws Exception {
        set("consilium.call.empty-room-timeout", "PT1M");
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Come back check");
        Instant from = Instant.now().minusSeconds(1);

        try (SignalingClient first = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            first.await("joined");
        }
        Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.getJsonArray("participants").getJsonObject(0).containsKey("leftAt"),
                "Ana's leave recorded");

        Browserless guestBrowser = guest(ana, room, "Pat Guest");
        try (SignalingClient again = SignalingClient.open(ana, room, SignalingClient.ORIGIN);
             SignalingClient waiting = SignalingClient.open(guestBrowser, room, SignalingClient.ORIGIN)) {
            again.await("joined");
            waiting.await("lobby");
            JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.getJsonArray("participants").size() == 2,
                    "the second stint in the same visit");
            assertFalse(visit.containsKey("endedAt"));

            HttpResponse<String> closed = ana.delete("/api/rooms/" + room);
            assertEquals(200, closed.statusCode(), closed.body());
            assertTrue(again.await("room-closed").contains("The room was closed."));
            assertTrue(waiting.await("room-closed").contains("The room was closed."), "the lobby too");
            assertEquals(1000, again.awaitClosed());
            assertEquals(1000, waiting.awaitClosed());
        }
        JsonObject visit = onlyVisit(ana, room);
        assertTrue(visit.containsKey("endedAt"), visit.toString());
        String target = "visit:" + visit.getString("id");
        List<String> ends = Poll.until(WAIT, () -> auditLines(from, "visit-ended", target), lines -> !lines.isEmpty(),
                "the visit's end in the audit trail");
        assertEquals(1, ends.size(), "ended once: " + ends);
        assertTrue(ends.get(0).contains("room-closed") && ends.get(0).contains("\"actor\":\"aortiz\""), ends.get(0));
        assertEquals(1, auditLines(from, "visit-started", target).size());
    }

    @Test
    void theSamePersonInASecondWindowTakesOverAndTheStintGoesOn() throws Exception {
        set("consilium.call.empty-room-timeout", "PT1S");
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Second window check");

        try (SignalingClient firstTab = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            firstTab.await("joined");
            try (SignalingClient secondTab = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
                assertTrue(secondTab.await("joined").contains("Ana Ortiz"));
                assertTrue(firstTab.await("removed").contains("You joined this call from another window."));
                assertEquals(1000, firstTab.awaitClosed());
                secondTab.send("{\"type\":\"chat\",\"text\":\"Still in\"}");
                assertTrue(secondTab.await("chat").contains("Still in"), "the new window is in the call");

                // No write follows a takeover: once the stint is recorded, the record stays as it is.
                JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> !v.getJsonArray("participants").isEmpty(),
                        "Ana's stint recorded");
                assertEquals(1, visit.getJsonArray("participants").size(), "one stint: " + visit);
                assertFalse(visit.getJsonArray("participants").getJsonObject(0).containsKey("leftAt"));
            }
        }
        JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.containsKey("endedAt"), "the visit to end");
        assertEquals(1, visit.getJsonArray("participants").size(), visit.toString());
    }

    @Test
    void theMaximumLengthClosesTheCallForEveryone() throws Exception {
        set("consilium.call.max-visit-length", "PT3S");
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Maximum length check");

        try (SignalingClient line = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            line.await("joined");
            assertTrue(line.await("room-closed").contains("maximum length of 3 seconds"));
            assertEquals(1000, line.awaitClosed());
        }
        JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.containsKey("endedAt"), "the visit to end");
        assertTrue(visit.getJsonNumber("durationSeconds").longValue() >= 3, visit.toString());
        assertEquals("200", Integer.toString(ana.get("/api/rooms/" + room).statusCode()), "the room stays open");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String admit(String id) {
        return "{\"type\":\"admit\",\"participant\":\"" + id + "\"}";
    }

    /** A guest who opened an invitation to {@code room} and gave their name. */
    private static Browserless guest(Browserless host, String room, String name) throws Exception {
        String link = json(host.postJson("/api/rooms/" + room + "/invitations", "{}").body()).asJsonObject().getString("link");
        Browserless guest = new Browserless();
        String path = URI.create(link).getPath();
        HttpResponse<String> page = guest.get(path);
        assertEquals(200, page.statusCode());
        HttpResponse<String> named = guest.postForm(path, org.consilium.server.support.GuestJoinForm.acknowledged(page.body(), name));
        assertTrue(named.statusCode() < 400, named.statusCode() + " " + named.body());
        return guest;
    }

    /** The room's one visit; an exception (for polling: "not yet") while there is none or more than one. */
    private static JsonObject onlyVisit(Browserless owner, String room) throws Exception {
        HttpResponse<String> answer = owner.get("/api/rooms/" + room + "/visits");
        JsonArray visits = answer.statusCode() == 200 ? json(answer.body()).asJsonArray() : null;
        if (visits == null || visits.size() != 1) {
            throw new IllegalStateException("not one visit: " + answer.statusCode() + " " + answer.body());
        }
        return visits.getJsonObject(0);
    }

    /** The audit trail's lines since {@code from} of {@code action} on {@code target}, as the auditor exports them. */
    private static List<String> auditLines(Instant from, String action, String target) throws Exception {
        Browserless auditor = ConsoleUser.verifiedSession("lchen");
        HttpResponse<String> export = auditor.get("/api/audit/export?from=" + from + "&to=" + Instant.now().plusSeconds(5));
        assertEquals(200, export.statusCode(), export.body());
        return export.body().lines()
                .filter(line -> line.contains("\"action\":\"" + action + "\"") && line.contains("\"target\":\"" + target + "\""))
                .toList();
    }

    private void set(String property, String value) throws Exception {
        SystemProperties.set(management, property, value);
    }

    private void unset(String property) throws Exception {
        SystemProperties.unset(management, property);
    }
}
