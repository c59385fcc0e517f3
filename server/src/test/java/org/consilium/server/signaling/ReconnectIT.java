package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.createRoom;
import static org.consilium.server.signaling.CallFixtures.json;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import org.consilium.server.support.ServerProperties;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection that drops without a leave keeps its place for the reconnect grace period
 * (docs/signaling.md, "Reconnecting"), through the real WebSocket endpoint: the others see the
 * person reconnecting, the same person with the tab's resume secret takes the place back
 * (same id, no lobby, one stint), someone else with that secret gets nothing of it, and when
 * the grace period passes the person leaves. The grace period is set short through the
 * management API (read when a room's call starts) and removed afterwards; a grace the room
 * policy sets (the console's Room policies page) wins over it for the next call.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String GRACE = "consilium.call.reconnect-grace";

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @AfterEach
    void defaultGrace() throws Exception {
        ServerProperties.remove(management, GRACE);
    }

    @Test
    void aDroppedParticipantIsHeldTakesThePlaceBackWithItsSecretAndLeavesWhenTheGraceHasPassed() throws Exception {
        ServerProperties.set(management, GRACE, "PT6S");
        Browserless ana = signedIn("aortiz");
        Browserless ben = signedIn("bokafor");
        String room = createRoom(ana, "Reconnect check");

        try (SignalingClient anaLine = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            anaLine.await("joined");
            SignalingClient benLine = SignalingClient.open(ben, room, SignalingClient.ORIGIN);
            benLine.await("lobby");
            anaLine.send("{\"type\":\"admit\",\"participant\":\"" + SignalingIT.idOf(anaLine.await("lobby-queue"), "Ben Okafor")
                    + "\"}");
            JsonObject joined = json(benLine.await("joined")).asJsonObject();
            String benId = joined.getJsonObject("you").getString("id");
            String secret = joined.getString("resume");
            assertEquals(6, joined.getInt("resumeWithinSeconds"));

            benLine.drop(); // the network goes away: no leave, no close frame
            awaitParticipants(anaLine, list -> ben(list, benId) != null && ben(list, benId).getBoolean("reconnecting", false));

            try (SignalingClient stranger = SignalingClient.open(signedIn("srivera"), room, SignalingClient.ORIGIN,
                    resume(secret))) {
                assertTrue(stranger.await("lobby", "joined").contains("\"type\":\"lobby\""),
                        "another person with Ben's secret waits in the lobby like anyone");
            }

            try (SignalingClient benAgain = SignalingClient.open(ben, room, SignalingClient.ORIGIN, resume(secret) + "&media=kept")) {
                JsonObject back = json(benAgain.await("joined", "lobby")).asJsonObject();
                assertEquals("joined", back.getString("type"), "no lobby again");
                assertEquals(benId, back.getJsonObject("you").getString("id"), "the same place");
                assertNotEquals(secret, back.getString("resume"), "a new secret for the next drop");
                awaitParticipants(anaLine, list -> ben(list, benId) != null && !ben(list, benId).containsKey("reconnecting"));
                JsonObject visit = Poll.until(WAIT, () -> onlyVisit(ana, room), v -> v.getJsonArray("participants").size() == 2,
                        "both stints recorded");
                assertEquals(2, visit.getJsonArray("participants").size(), "one stint for Ben: " + visit);
                assertFalse(stintOf(visit, "bokafor").containsKey("leftAt"), visit.toString());

                benAgain.drop();
                awaitParticipants(anaLine, list -> ben(list, benId) != null && ben(list, benId).getBoolean("reconnecting", false));
                awaitParticipants(anaLine, list -> ben(list, benId) == null); // the grace period passes
                JsonObject after = Poll.until(WAIT, () -> onlyVisit(ana, room),
                        v -> stintOf(v, "bokafor").containsKey("leftAt"), "Ben's leave recorded");
                assertEquals(2, after.getJsonArray("participants").size(), "still one stint for Ben: " + after);
            }
        }
    }

    @Test
    void theRoomPolicysGraceWinsOverTheConfigurationForTheNextCall() throws Exception {
        ServerProperties.set(management, GRACE, "PT6S");
        Browserless ana = signedIn("aortiz");
        try {
            policyGrace("7"); // as the console's Room policies page stores it
            Poll.until(WAIT, () -> graceOfANewCall(ana), seconds -> seconds == 7, "a new call with the policy's 7 s");
        } finally {
            policyGrace("null");
        }
        Poll.until(WAIT, () -> graceOfANewCall(ana), seconds -> seconds == 6, "a new call with the configuration's 6 s again");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static void policyGrace(String seconds) throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update room_policy set reconnect_grace_seconds = " + seconds + " where id = 1");
        }
    }

    /** The grace a call started now in a new room of {@code owner} says it keeps (the owner leaves again). */
    private static int graceOfANewCall(Browserless owner) throws Exception {
        String room = createRoom(owner, "Grace check");
        try (SignalingClient line = SignalingClient.open(owner, room, SignalingClient.ORIGIN)) {
            int seconds = json(line.await("joined")).asJsonObject().getInt("resumeWithinSeconds");
            line.send("{\"type\":\"leave\"}");
            return seconds;
        } finally {
            owner.delete("/api/rooms/" + room);
        }
    }

    private interface ListCheck {
        boolean holds(JsonArray participants);
    }

    /** Waits for a {@code participants} message whose list passes {@code check}. */
    private static void awaitParticipants(SignalingClient line, ListCheck check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray list = json(line.await("participants")).asJsonObject().getJsonArray("participants");
            if (check.holds(list)) {
                return;
            }
        }
        throw new AssertionError("no such participants list within " + WAIT);
    }

    private static JsonObject ben(JsonArray participants, String id) {
        return participants.getValuesAs(JsonObject.class).stream().filter(p -> p.getString("id").equals(id)).findFirst()
                .orElse(null);
    }

    private static JsonObject stintOf(JsonObject visit, String principal) {
        return visit.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("principal").equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no stint of " + principal + ": " + visit));
    }

    private static String resume(String secret) {
        return "?resume=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
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
}
