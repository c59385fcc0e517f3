package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.backAt;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.visitOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Placement of a new call on another node (docs/architecture.md, "Placement"): node 1, which
 * the browsers reach, is drained, so the call Ana starts there runs on node 2. Her WebSocket
 * and Maria's stay on node 1, which hands their messages to node 2 over the cluster; their
 * media goes to node 2's bridge, and they decode each other. Then node 2 is killed: node 1
 * closes their connections, they reconnect to it, and it takes the call over (same places,
 * same visit), drained as it is, since the call is not new. A guest waiting in the lobby at the
 * kill waits again once his page has reconnected, and is let in.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class PlacementInBrowserIT extends InTheBrowser {

    private static final String ADMIN = "srivera"; // the demo directory's administrator

    @AfterEach
    void takeNewCallsAgain() throws Exception {
        ConsoleUser.takeNewCallsAgain(ADMIN);
    }

    @Test
    void aCallStartedThroughADrainedNodeRunsOnAnotherWithItsSignalingRoutedAndSurvivesThatNodesDeath() throws Exception {
        int rounds = Integer.getInteger("consilium.it.placement.rounds", 1);
        List<Long> worst = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            worst.add(oneRoutedCall(round == 0, false));
        }
        List<Long> sorted = worst.stream().sorted().toList();
        System.out.printf("Routed call, node 2 killed -> both browsers decoding again on node 1: %d round(s), median %d ms,"
                        + " p95 %d ms, max %d ms, all %s%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), worst);
    }

    /**
     * A rolling upgrade of the node that runs a routed call: stopped in order (SIGTERM), it
     * hands the call over; the browsers, whose signaling stays on node 1, are told to reconnect
     * and are answered {@code elsewhere} until node 2 has left the cluster, then node 1 takes
     * the call over.
     */
    @Test
    void aRoutedCallMovesToTheFrontWhenItsNodeIsStoppedForAnUpgrade() throws Exception {
        long back = oneRoutedCall(false, true);
        System.out.printf("Routed call, node 2 stopped in order -> both browsers decoding again on node 1: %d ms%n", back);
    }

    /**
     * One call placed on a fresh node 2, which then goes; returns the later of the two
     * browsers' times back, in ms.
     *
     * @param withLobby a third browser waits in the lobby as node 2 goes, and is let in after it
     * @param stop      node 2 is stopped in order (SIGTERM) rather than killed
     */
    private long oneRoutedCall(boolean withLobby, boolean stop) throws Exception {
        try (ClusterNode node2 = ClusterNode.start(2); Browser ana = new Browser(); Browser maria = new Browser();
             Browser lee = withLobby ? new Browser() : null) {
            Browserless sam = ConsoleUser.verifiedSession(ADMIN);
            Poll.until(Duration.ofSeconds(15), () -> ConsoleUser.clusterMember(sam, "node-2"),
                    row -> row.isPresent() && !row.get().getString("media").isEmpty(), "node 2's bridge in the registry");
            if (!sam.get("/admin/").body().contains("id=\"drain:resume\"")) {
                assertEquals(200, ConsoleUser.press(sam, "/admin/", "drain", "drain:drain").statusCode());
            }
            String newCalls = Json.createReader(new StringReader(sam.get("/admin/dashboard.json").body())).readObject()
                    .getJsonObject("node").getString("newCalls");
            assertTrue(newCalls.startsWith("Sent to the other members since "), newCalls);

            String room = "Placement " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            Visits.InCall inCall = anaLetsMariaIn(ana, maria, room, link); // on node 2
            String anaId = inCall.anaId();
            String mariaId = inCall.mariaId();
            Poll.until(Duration.ofSeconds(10), () -> ConsoleUser.clusterMember(sam, "node-2").map(row -> row.getInt("endpoints")).orElse(0),
                    endpoints -> endpoints == 2, "both browsers on node 2's bridge, as its registry entry says");
            Poll.until(Duration.ofSeconds(10), () -> runsOn(sam, room), "node-2"::equals,
                    "the dashboard's visits say where the call runs");
            if (withLobby) {
                ConsoleScreenshots.take(sam, "/admin/", "visits-table", "dashboard-visit-on-node-2");
            }
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
            assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId));
            if (withLobby) {
                guestJoins(lee, link, "Lee Chen"); // waiting in the lobby when node 2 dies
                lee.visible("lobby");
                ana.visible(By.cssSelector("#lobby-queue button[aria-label='Let in Lee Chen']"));
            }

            long killed = System.nanoTime();
            if (stop) {
                node2.stopInBackground();
            } else {
                node2.kill();
            }
            long anaBack = backAt(ana, mariaId, "Ana decoding Maria again, through node 1") - killed;
            long mariaBack = backAt(maria, anaId, "Maria decoding Ana again, through node 1") - killed;
            System.out.printf("Routed call, node 2 %s: Ana back %d ms, Maria back %d ms%n", stop ? "stopped" : "killed",
                    anaBack / 1_000_000, mariaBack / 1_000_000);
            assertEquals(anaId, myId(ana), "Ana's place");
            assertEquals(mariaId, myId(maria), "Maria's place: no lobby");
            assertTrue(maria.all(By.cssSelector("#lobby:not([hidden])")).isEmpty());
            assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId));

            if (withLobby) {
                // Lee waited in the lobby of the call on node 2: nothing held there, so his page
                // connects again and waits again, and Ana sees him waiting on node 1.
                ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Lee Chen']"));
                lee.visible("call");
                assertEquals("call", lee.callStats().get("phase"), "let in after the failover");
                assertEquals(1012L, ((Number) lee.callStats().get("lastClose")).longValue(), "moved: his page waited again");
            }
            return Math.max(anaBack, mariaBack) / 1_000_000;
        }
    }

    /** Where node 1's dashboard says the call of the room named {@code room} runs ("" when it lists no such visit). */
    private static String runsOn(Browserless admin, String room) throws Exception {
        return Json.createReader(new StringReader(admin.get("/admin/dashboard.json").body())).readObject()
                .getJsonArray("visits").stream().map(JsonObject.class::cast)
                .filter(row -> room.equals(row.getString("room"))).map(row -> row.getString("node")).findFirst().orElse("");
    }
}
