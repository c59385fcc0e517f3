package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.chromiumOffer;
import static org.consilium.server.signaling.CallFixtures.jsonString;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signaling routed to the node that runs the call (docs/architecture.md, "Placement"), as a
 * browser's protocol sees it: node 1, which the clients reach, is drained, so the call runs on
 * node 2. Everything the protocol promises holds through the relay: the owner's answer carries
 * node 2's media address, the lobby and admission work across nodes, bad input gets the same
 * errors (the connection's own checks on node 1, the call's on node 2) and refusals are
 * audited, chat is relayed, and a leave is a leave. A co-host named through the API on node 1
 * is one in the call on node 2 at once, and the owner's {@code host} message works through the relay.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RoutedSignalingIT {

    private static final String ORIGIN = SignalingClient.ORIGIN;
    private static final String ADMIN = "srivera"; // the demo directory's administrator

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @AfterEach
    void takeNewCallsAgain() throws Exception {
        ConsoleUser.takeNewCallsAgain(ADMIN);
    }

    @Test
    void theProtocolHoldsThroughTheRelayToTheNodeThatRunsTheCall() throws Exception {
        try (ClusterNode node2 = ClusterNode.start(2)) {
            Browserless sam = ConsoleUser.verifiedSession(ADMIN);
            Poll.until(Duration.ofSeconds(15), () -> Json.createReader(new StringReader(sam.get("/admin/dashboard.json")
                            .body())).readObject().getJsonObject("node").getJsonArray("members").stream()
                            .map(JsonObject.class::cast).anyMatch(row -> row.getString("name").equals("node-2")
                                    && !row.getString("media").isEmpty()),
                    Boolean::booleanValue, "node 2's bridge in the registry");
            assertEquals(200, ConsoleUser.press(sam, "/admin/", "drain", "drain:drain").statusCode());

            Browserless owner = signedIn("aortiz");
            String room = CallFixtures.createRoom(owner, "Routed signaling check");
            HttpResponse<String> invitation = owner.postJson("/api/rooms/" + room + "/invitations", "{}");
            assertEquals(201, invitation.statusCode(), invitation.body());
            Browserless guestBrowser = SignalingIT.guestOf(
                    invitation.body().replaceAll(".*\"link\":\"([^\"]+)\".*", "$1"), "Pat Guest");
            String guestPrincipal = "guest:" + CallFixtures.json(invitation.body()).asJsonObject().getString("id");
            long before = TestDatabase.lastAuditSequence();
            try (SignalingClient ana = SignalingClient.open(owner, room, ORIGIN)) {
                ana.await("joined");
                ana.send("{\"type\":\"offer\",\"sdp\":" + jsonString(chromiumOffer()) + "}");
                String answer = ana.await("answer");
                assertTrue(answer.contains(" 127.0.0.2 "), "the answer offers node 2's bridge: " + answer);
                assertFalse(answer.contains(" 127.0.0.1 "), "not node 1's: " + answer);

                try (SignalingClient guest = SignalingClient.open(guestBrowser, room, ORIGIN)) {
                    guest.await("lobby");
                    String queue = ana.await("lobby-queue");
                    while (!queue.contains("Pat Guest")) {
                        queue = ana.await("lobby-queue");
                    }
                    guest.send("{\"type\":\"admit\",\"participant\":\"someone\"}");
                    assertTrue(guest.await("error").contains("\"code\":\"forbidden\""), "the call's rule, on node 2");
                    String guestId = SignalingIT.idOf(queue, "Pat Guest");
                    ana.send("{\"type\":\"admit\",\"participant\":\"" + guestId + "\"}");
                    assertTrue(guest.await("joined").contains("Ana Ortiz"));

                    ana.send("not json");
                    assertTrue(ana.await("error").contains("bad-json"), "the connection's check, on node 1");
                    ana.send("{\"type\":\"teleport\"}");
                    assertTrue(ana.await("error").contains("unknown-type"), "the call's, on node 2");
                    ana.send("{\"type\":\"mute\",\"audio\":\"yes\",\"video\":false}");
                    assertTrue(ana.await("error").contains("'audio' must be true or false"));
                    ana.send("{\"type\":\"chat\",\"text\":\"Through node 1\"}");
                    assertTrue(guest.await("chat").contains("Through node 1"), "relayed both ways");

                    guest.send("{\"type\":\"leave\"}");
                    assertEquals(1000, guest.awaitClosed());
                }
                String after = ana.await("participants");
                while (after.contains("Pat Guest")) {
                    after = ana.await("participants");
                }

                // Co-hosts across nodes: named through the API on node 1, the call on node 2 follows (Ben,
                // waiting, comes in as a host); taken back by the owner's message, relayed to node 2.
                try (SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, ORIGIN)) {
                    ben.await("lobby");
                    HttpResponse<String> named = owner.put("/api/rooms/" + room + "/hosts/bokafor");
                    assertEquals(200, named.statusCode(), named.body());
                    String joined = ben.await("joined");
                    String benId = joined.replaceAll("(?s).*\"you\":\\{\"id\":\"([^\"]+)\".*", "$1");
                    assertTrue(joined.contains("\"you\":{\"id\":\"" + benId + "\",\"name\":\"Ben Okafor\",\"role\":\"host\""),
                            "Ben in as a host, on node 2: " + joined);
                    ana.send("{\"type\":\"host\",\"participant\":\"" + benId + "\",\"host\":false}");
                    String roles = ana.await("participants");
                    while (!roles.contains("\"name\":\"Ben Okafor\",\"role\":\"staff\"")) {
                        roles = ana.await("participants");
                    }
                    assertTrue(TestDatabase.auditAfter(before, "action", "actor", "target").contains(
                            "room-host-removed aortiz room:" + room), "the owner's message changed the room's record");
                }
            }
            List<String> refused = Poll.until(Duration.ofSeconds(20), () -> TestDatabase.auditAfter(before, "action",
                            "actor", "outcome", "target", "details").stream()
                            .filter(e -> e.startsWith("access-denied " + guestPrincipal) && e.contains("\"reason\":\"forbidden\""))
                            .toList(), events -> !events.isEmpty(), "the guest's refusal audited by node 2");
            assertTrue(refused.get(0).contains("\"attempted\":\"admit\"") && refused.get(0).contains("room:" + room),
                    refused.toString());
            List<String> left = TestDatabase.auditAfter(before, "action", "actor").stream()
                    .filter(e -> e.equals("participant-left " + guestPrincipal)).toList();
            assertEquals(1, left.size(), "the guest's leave, once");
        }
    }
}
