package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.chromiumOffer;
import static org.consilium.server.signaling.CallFixtures.jsonString;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.GuestJoinForm;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The signaling WebSocket against the real server: the owner enters, a guest and a
 * colleague wait in the lobby, the owner admits one and turns the other away, bad
 * messages get errors and harm nothing, an offer gets the bridge's answer, and a closed
 * connection is a leave. A browser that stops reading is dropped, and nobody else waits
 * for it (backpressure), while everyone else chats within the rate limit.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignalingIT {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void lobbyAdmissionDenialErrorsOfferAndLeave() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Signaling check\",\"kind\":\"visit\",\"lobby\":true}"));
        String link = owner.postJson("/api/rooms/" + room + "/invitations", "{}").body()
                .replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");

        try (SignalingClient ana = SignalingClient.open(owner, room, SignalingClient.ORIGIN)) {
            ana.await("joined");

            Browserless guestBrowser = new Browserless();
            String path = URI.create(link).getPath();
            HttpResponse<String> page = guestBrowser.get(path);
            assertEquals(200, page.statusCode());
            HttpResponse<String> named = guestBrowser.postForm(path, GuestJoinForm.acknowledged(page.body(), "Pat Guest"));
            assertTrue(named.statusCode() < 400, named.statusCode() + " " + named.body());
            try (SignalingClient guest = SignalingClient.open(guestBrowser, room, SignalingClient.ORIGIN);
                 SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, SignalingClient.ORIGIN)) {
                guest.await("lobby");
                ben.await("lobby");
                String queue = ana.await("lobby-queue");
                while (!(queue.contains("Pat Guest") && queue.contains("Ben"))) {
                    queue = ana.await("lobby-queue");
                }
                String guestId = idOf(queue, "Pat Guest");
                String benId = idOf(queue, "Ben Okafor");

                ana.send("{\"type\":\"admit\",\"participant\":\"" + guestId + "\"}");
                assertTrue(guest.await("joined").contains("Ana Ortiz"));
                ana.send("{\"type\":\"deny\",\"participant\":\"" + benId + "\"}");
                ben.await("denied");
                assertEquals(1000, ben.awaitClosed());

                // Bad input: an error each, and the call carries on.
                ana.send("not json");
                assertTrue(ana.await("error").contains("bad-json"));
                ana.send("{\"type\":\"teleport\"}");
                assertTrue(ana.await("error").contains("unknown-type"));
                ana.send("{\"type\":\"admit\"}");
                assertTrue(ana.await("error").contains("invalid"));
                ana.send("{\"type\":\"mute\",\"audio\":\"yes\",\"video\":false}");
                String wrongType = ana.await("error");
                assertTrue(wrongType.contains("invalid") && wrongType.contains("'audio' must be true or false"), wrongType);
                ana.send("{\"type\":\"lock\",\"locked\":1}");
                assertTrue(ana.await("error").contains("'locked' must be true or false"), "1 is not true");
                ana.send("{\"type\":\"chat\",\"text\":" + "[".repeat(100) + "]".repeat(100) + "}");
                assertTrue(ana.await("error").contains("\"code\":\"too-deep\""), "nesting has its own error");
                ana.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(70_000) + "\"}");
                assertTrue(ana.await("error").contains("too-large"), "70,000 characters: refused, connection kept");
                ana.send("{\"type\":\"answer\",\"sdp\":\"v=0\"}");
                assertTrue(ana.await("error").contains("out-of-order"), "browsers offer; an answer from one is out of order");
                ana.send("{\"type\":\"screen-share\",\"active\":true,\"source\":-1}");
                assertTrue(ana.await("error").contains("invalid"), "an SSRC out of range");
                ana.send("{\"type\":\"screen-share\",\"active\":true,\"source\":1.5}");
                assertTrue(ana.await("error").contains("invalid"), "an SSRC that is not a whole number");
                guest.send("{\"type\":\"admit\",\"participant\":\"" + benId + "\"}");
                assertTrue(guest.await("error").contains("forbidden"));
                ana.send("{\"type\":\"offer\",\"sdp\":\"v=0 nonsense\"}");
                assertTrue(ana.await("error").contains("\"code\":\"sdp\""));
                ana.send("{\"type\":\"chat\",\"text\":\"Still here?\"}");
                assertTrue(guest.await("chat").contains("Still here?"));

                ana.send("{\"type\":\"offer\",\"sdp\":" + jsonString(chromiumOffer()) + "}");
                assertTrue(ana.await("answer").contains("a=ice-lite"));
                guest.await("renegotiate");
            }
            String after = ana.await("participants");
            while (after.contains("Pat Guest")) {
                after = ana.await("participants");
            }
        }
    }

    @Test
    void aBrowserThatStopsReadingIsDroppedAndTheCallGoesOnForTheOthers() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Backpressure check\",\"kind\":\"bedside\"}"));
        assertEquals(200, owner.put("/api/rooms/" + room + "/hosts/bokafor").statusCode());
        String link = owner.postJson("/api/rooms/" + room + "/invitations", "{\"singleUse\":false}").body()
                .replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
        String filler = "x".repeat(1990);
        List<SignalingClient> guests = new ArrayList<>();
        ScheduledExecutorService chatter = Executors.newScheduledThreadPool(2);

        try (SignalingClient ana = SignalingClient.open(owner, room, SignalingClient.ORIGIN);
             SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, SignalingClient.ORIGIN)) {
            ana.await("joined");
            ben.await("joined");
            // Six guests in the call: with Ana, seven people chat, each within the per-connection rate
            // (docs/signaling.md, "Rate limits"), together about 0.5 MB a second to everyone.
            for (int i = 0; i < 6; i++) {
                SignalingClient guest = SignalingClient.open(guestOf(link, "Chatty guest " + i), room, SignalingClient.ORIGIN);
                guests.add(guest);
                guest.await("lobby");
                String queue = ana.await("lobby-queue");
                while (!queue.contains("Chatty guest " + i)) {
                    queue = ana.await("lobby-queue");
                }
                ana.send("{\"type\":\"admit\",\"participant\":\"" + idOf(queue, "Chatty guest " + i) + "\"}");
                guest.await("joined");
            }
            ben.stopReading();
            // Ben reads nothing, so his messages back up on the server until it gives up on him:
            // more than loopback's socket buffers take.
            List<SignalingClient> senders = new ArrayList<>(guests);
            senders.add(ana);
            for (SignalingClient sender : senders) {
                int[] n = {0};
                chatter.scheduleWithFixedDelay(() -> sender.trySend("{\"type\":\"chat\",\"text\":\"" + filler + n[0]++ + "\"}"),
                        0, 25, TimeUnit.MILLISECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            boolean benDropped = false;
            while (!benDropped && System.nanoTime() < deadline) {
                String seen = ana.awaitWithin(Duration.ofMinutes(3), "participants");
                benDropped = !seen.contains("Ben Okafor");
            }
            assertTrue(benDropped, "Ben, who reads nothing, was taken out of the call");
            chatter.shutdownNow();
            assertTrue(chatter.awaitTermination(10, TimeUnit.SECONDS));
            ana.send("{\"type\":\"chat\",\"text\":\"Still here\"}");
            String echo = ana.await("chat");
            while (!echo.contains("Still here")) {
                echo = ana.await("chat");
            }
        } finally {
            chatter.shutdownNow();
            guests.forEach(SignalingClient::close);
        }
    }

    @Test
    void withTheRoomsLobbyOffStaffEnterDirectlyAndGuestsStillWait() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms",
                "{\"displayName\":\"Open door\",\"kind\":\"visit\",\"lobby\":false}"));
        String link = owner.postJson("/api/rooms/" + room + "/invitations", "{}").body()
                .replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
        try (SignalingClient ana = SignalingClient.open(owner, room, SignalingClient.ORIGIN)) {
            ana.await("joined");
            try (SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, SignalingClient.ORIGIN);
                 SignalingClient guest = SignalingClient.open(guestOf(link, "Pat Guest"), room, SignalingClient.ORIGIN)) {
                assertTrue(ben.await("joined", "lobby").contains("\"type\":\"joined\""),
                        "a colleague enters: the room's lobby is off");
                assertTrue(guest.await("joined", "lobby").contains("\"type\":\"lobby\""), "a guest waits all the same");
                String queue = ana.await("lobby-queue");
                while (!queue.contains("Pat Guest")) {
                    queue = ana.await("lobby-queue");
                }
                assertFalse(queue.contains("Ben Okafor"), queue);
            }
        }
    }

    static Browserless guestOf(String link, String name) throws Exception {
        Browserless guest = new Browserless();
        String path = URI.create(link).getPath();
        HttpResponse<String> page = guest.get(path);
        assertEquals(200, page.statusCode());
        HttpResponse<String> named = guest.postForm(path, GuestJoinForm.acknowledged(page.body(), name));
        assertTrue(named.statusCode() < 400, named.statusCode() + " " + named.body());
        return guest;
    }

    private static String firstId(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        Matcher id = ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }

    /** The id of the waiting person called {@code name} in a lobby-queue message. */
    static String idOf(String queue, String name) {
        Matcher entry = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"name\":\"" + Pattern.quote(name) + "\"").matcher(queue);
        assertTrue(entry.find(), name + " in " + queue);
        return entry.group(1);
    }
}
