package org.consilium.server.signaling;

import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refusals of the signaling channel against the real server (docs/signaling.md): a
 * handshake that may not become a call answers HTTP 403 (never 101 and a close); refusals
 * are audited as {@code access-denied}, one event per connection and reason a minute with
 * the count; a chat flood is limited, told and closed, and hostile chat text is refused.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignalingRefusalsIT {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final String ORIGIN = SignalingClient.ORIGIN;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void handshakesThatMayNotBecomeACallAnswer403AndAreAudited() throws Exception {
        Browserless owner = signedIn("aortiz");
        String roomA = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Refusal check A\",\"kind\":\"visit\"}"));
        String roomB = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Refusal check B\",\"kind\":\"visit\"}"));
        HttpResponse<String> invitation = owner.postJson("/api/rooms/" + roomA + "/invitations", "{}");
        String guestPrincipal = "guest:" + firstId(invitation);
        Browserless guest = SignalingIT.guestOf(link(invitation), "Wandering guest");
        long before = TestDatabase.lastAuditSequence();

        assertEquals(403, SignalingClient.refusedHandshake(owner, roomA, "https://elsewhere.example"), "another site");
        assertEquals(403, SignalingClient.refusedHandshake(new Browserless(), roomA, ORIGIN), "nobody signed in, no guest");
        assertEquals(403, SignalingClient.refusedHandshake(guest, roomB, ORIGIN), "a guest, to another room");
        assertEquals(403, SignalingClient.refusedHandshake(guest, roomB, ORIGIN), "again");
        try (SignalingClient welcome = SignalingClient.open(guest, roomA, ORIGIN)) {
            welcome.await("lobby");
        }

        List<String> events = Poll.until(Duration.ofSeconds(20), () -> audit(before),
                e -> e.stream().anyMatch(event -> event.contains("other-room")), "the refusals in the audit trail");
        List<String> otherRoom = matching(events, "access-denied " + guestPrincipal + " denied room:" + roomB, "\"reason\":\"other-room\"");
        assertEquals(1, otherRoom.size(), "two refusals of one guest within a minute: one event, " + events);
        assertTrue(otherRoom.get(0).contains("\"count\":\"1\"") && otherRoom.get(0).contains("\"channel\":\"signaling\"")
                && otherRoom.get(0).contains("\"attempted\":\"connect\""), otherRoom.get(0));
        assertEquals(1, matching(events, "access-denied aortiz denied room:" + roomA, "\"reason\":\"cross-origin\"").size(),
                events.toString());
        assertEquals(1, matching(events, "access-denied (anonymous) denied room:" + roomA, "\"reason\":\"no-session\"").size(),
                events.toString());
    }

    @Test
    void forbiddenMessagesFromTheLobbyAreAuditedOnceWithTheirCount() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Lobby refusal check\",\"kind\":\"visit\"}"));
        HttpResponse<String> invitation = owner.postJson("/api/rooms/" + room + "/invitations", "{}");
        String guestPrincipal = "guest:" + firstId(invitation);
        Browserless guestBrowser = SignalingIT.guestOf(link(invitation), "Pushy guest");
        long before = TestDatabase.lastAuditSequence();
        try (SignalingClient ana = SignalingClient.open(owner, room, ORIGIN)) {
            ana.await("joined");
            try (SignalingClient guest = SignalingClient.open(guestBrowser, room, ORIGIN)) {
                guest.await("lobby");
                for (int i = 0; i < 30; i++) {
                    guest.send("{\"type\":\"admit\",\"participant\":\"someone\"}");
                    assertTrue(guest.await("error").contains("\"code\":\"forbidden\""));
                }
                List<String> forbidden = matching(audit(before), "access-denied " + guestPrincipal, "\"reason\":\"forbidden\"");
                assertEquals(1, forbidden.size(), "30 refusals within a minute: one event so far, " + forbidden);
                assertTrue(forbidden.get(0).contains("\"count\":\"1\"") && forbidden.get(0).contains("\"attempted\":\"admit\"")
                        && forbidden.get(0).contains("room:" + room), forbidden.get(0));
            }
            // The connection closed: the 29 refusals counted since are written, in one event.
            List<String> forbidden = Poll.until(Duration.ofSeconds(20),
                    () -> matching(audit(before), "access-denied " + guestPrincipal, "\"reason\":\"forbidden\""),
                    e -> e.size() > 1, "the count of the rest");
            assertEquals(2, forbidden.size(), forbidden.toString());
            assertTrue(forbidden.get(1).contains("\"count\":\"29\""), forbidden.get(1));
        }
    }

    @Test
    void aChatFloodIsLimitedToldAndClosedWhileTheCallGoesOn() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Chat flood check\",\"kind\":\"visit\"}"));
        assertEquals(200, owner.put("/api/rooms/" + room + "/hosts/bokafor").statusCode());
        long before = TestDatabase.lastAuditSequence();
        try (SignalingClient ana = SignalingClient.open(owner, room, ORIGIN);
             SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, ORIGIN)) {
            ana.await("joined");
            ben.await("joined");

            // Text that reads differently from what it is, or carries terminal escapes: refused, never relayed.
            for (String hostile : new String[] {"\\u202Egnp.exe", "\\u2066hidden\\u2069", "\\u001B[31mred", "bell\\u0007"}) {
                ben.send("{\"type\":\"chat\",\"text\":\"" + hostile + "\"}");
                assertTrue(ben.await("error").contains("\"code\":\"invalid\""), hostile);
            }
            ben.send("{\"type\":\"chat\",\"text\":\"Plain words\"}");
            assertTrue(ana.await("chat").contains("Plain words"), "the first chat Ana hears is the plain one");

            // The attack: hundreds of chat messages a second.
            for (int i = 0; i < 2000 && !ben.isClosed(); i++) {
                ben.trySend("{\"type\":\"chat\",\"text\":\"flood " + i + "\"}");
            }
            assertTrue(ben.await("error").contains("\"code\":\"rate-limited\""), "told to slow down");
            assertEquals(1008, ben.awaitClosed(), "a persistent flood is closed");
            int relayed = 0;
            String heard = ana.await("chat", "participants");
            while (!(heard.contains("\"type\":\"participants\"") && !heard.contains("Ben Okafor"))) {
                relayed += heard.contains("flood ") ? 1 : 0;
                heard = ana.await("chat", "participants");
            }
            assertTrue(relayed <= 200, relayed + " flood messages were relayed to Ana; the burst is 100");
            ana.send("{\"type\":\"chat\",\"text\":\"Still here\"}");
            String echo = ana.await("chat");
            while (!echo.contains("Still here")) {
                echo = ana.await("chat");
            }
        }
        List<String> events = Poll.until(Duration.ofSeconds(20), () -> audit(before),
                e -> e.stream().anyMatch(event -> event.contains("\"reason\":\"flood\"")), "the flood in the audit trail");
        assertFalse(matching(events, "access-denied bokafor denied room:" + room, "\"reason\":\"rate-limited\"").isEmpty(),
                events.toString());
    }

    private static List<String> audit(long before) throws Exception {
        return TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
    }

    private static List<String> matching(List<String> events, String start, String detail) {
        return events.stream().filter(e -> e.startsWith(start) && e.contains(detail)).toList();
    }

    private static String link(HttpResponse<String> invitation) {
        return invitation.body().replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
    }

    private static String firstId(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        Matcher id = ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }
}
