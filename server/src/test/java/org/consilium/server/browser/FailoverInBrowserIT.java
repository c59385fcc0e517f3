package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.backAt;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.framesFrom;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.visitOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.consilium.server.support.ChannelView;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.LoopbackPartition;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedAddress;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The appliance running a call dies (docs/architecture.md, "Failover"): Ana (signed in) and
 * Maria (a guest) are in a call on node 2, reached through the cluster's shared address;
 * node 2's JVM is killed ({@code kill -9}) and the address moves to node 1, which has never
 * seen either browser. Both pages reconnect to the same address, node 1 takes the call over
 * from the cluster's copy, and both decode each other again: same places, no lobby, one visit
 * whose stints go on. The time from the kill to frames decoded is the failover figure
 * (docs/performance.md, "Cluster"); {@code -Dconsilium.it.failover.rounds=N} repeats it with a
 * fresh node 2 and prints the distribution.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class FailoverInBrowserIT extends InTheBrowser {

    @ArquillianResource
    ManagementClient management;

    /** The goal (issue: media again for 95 % within 5 s of the kill); the address moves at once here. */
    private static final Duration GOAL = Duration.ofSeconds(5);
    private static final Duration MEDIA = Visits.MEDIA;

    @Test
    void whenTheNodeOfACallIsKilledBothBrowsersComeBackThroughAnotherNodeInTheSamePlacesAndVisit() throws Exception {
        int rounds = Integer.getInteger("consilium.it.failover.rounds", 1);
        List<Long> worst = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            worst.add(oneFailover(round == 0 ? "failover" : null, Ending.KILL));
        }
        List<Long> sorted = worst.stream().sorted().toList();
        System.out.printf("Failover, kill -> both browsers decoding again: %d round(s), median %d ms, p95 %d ms,"
                        + " max %d ms, all %s%n", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), worst);
        long withinGoal = worst.stream().filter(ms -> ms <= GOAL.toMillis()).count();
        assertTrue(withinGoal >= Math.ceil(worst.size() * 0.95), "within " + GOAL + " in 95 %: " + worst);
    }

    /**
     * A rolling upgrade: node 2 is stopped in order (SIGTERM) while it runs the call; the calls
     * are handed over (no {@code room-closed}, no leave), and node 1 takes them over once node 2
     * has left the cluster. No goal in seconds: planned, and WildFly's own stop takes some.
     */
    @Test
    void whenTheNodeOfACallIsStoppedForAnUpgradeTheCallGoesOnOnAnotherNode() throws Exception {
        long back = oneFailover("handover", Ending.STOP);
        System.out.printf("Hand-over at a stop, SIGTERM -> both browsers decoding again: %d ms%n", back);
    }

    /**
     * A cut between the two nodes (nftables drops their cluster traffic; both still reach the
     * database): each thinks the other dead. The browsers reach node 1 through the shared
     * address, which takes the call over and records so in the database; node 2, still running
     * its copy of the call, finds that and hands it over instead of ending the visit later
     * (its held places would have written leaves at the end of the grace period, and its
     * empty room the visit's end). The cut heals, the views merge, and one call and one visit
     * remain, on node 1.
     */
    @Test
    void whenTheNodesAreCutOffFromEachOtherTheCallRunsOnOneOfThemAndTheVisitStaysOne() throws Exception {
        long back = oneFailover("partition", Ending.CUT);
        System.out.printf("Cut between the nodes -> both browsers decoding again through node 1: %d ms%n", back);
    }

    /** How node 2 goes away. */
    private enum Ending {
        /** {@code kill -9}; the shared address moves at once. */
        KILL,
        /** Stopped in order (SIGTERM); the address moves as its liveness fails, early in the stop. */
        STOP,
        /** Cut off from node 1 (not from the database); the address moves once node 1 sees it gone. */
        CUT
    }

    /**
     * One call on a fresh node 2 that then goes away; returns the later of the two browsers'
     * times back, in ms.
     *
     * @param screenshots the prefix of the screenshots of the page back in the call (null: none)
     * @param ending      how node 2 goes away
     */
    private long oneFailover(String screenshots, Ending ending) throws Exception {
        LoopbackPartition cut = null;
        InetSocketAddress node1 = new InetSocketAddress("127.0.0.1", Ports.HTTPS);
        try (ClusterNode node2 = ClusterNode.start(2);
             SharedAddress shared = SharedAddress.on("127.0.0.10", new InetSocketAddress(node2.address(), Ports.HTTPS));
             Browser ana = new Browser(shared.url()); Browser maria = new Browser(shared.url())) {
            String room = "Failover " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            assertTrue(link.startsWith(shared.url()), link);
            Visits.InCall inCall = anaLetsMariaIn(ana, maria, room, link); // on node 2
            String anaId = inCall.anaId();
            String mariaId = inCall.mariaId();
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");

            long auditBefore = TestDatabase.lastAuditSequence();
            long killed = System.nanoTime();
            if (ending == Ending.CUT) {
                cut = LoopbackPartition.ofPorts(ClusterNode.clusterPort(), ClusterNode.failureDetectionPort());
                Poll.until(Duration.ofSeconds(15), () -> ChannelView.members(management), List.of("node-1")::equals,
                        "node 1 alone after the cut");
                shared.moveTo(node1);
            } else if (ending == Ending.STOP) {
                // keepalived moves the address once node 2's liveness fails, early in its stop
                shared.moveTo(node1);
                node2.stopInBackground();
            } else {
                node2.kill();
                shared.moveTo(node1);
            }

            long anaBack = backAt(ana, mariaId, "Ana decoding Maria through node 1") - killed;
            long mariaBack = backAt(maria, anaId, "Maria decoding Ana through node 1") - killed;
            long worst = Math.max(anaBack, mariaBack) / 1_000_000;
            System.out.printf("Failover: Ana back %d ms, Maria back %d ms after the kill%n",
                    anaBack / 1_000_000, mariaBack / 1_000_000);

            assertEquals(anaId, myId(ana), "Ana's place");
            assertEquals(mariaId, myId(maria), "Maria's place: no lobby, no host letting her in again");
            assertTrue(maria.all(By.cssSelector("#lobby:not([hidden])")).isEmpty());
            assertEquals(1, ana.all(By.cssSelector("#tiles .tile[data-participant='" + mariaId + "']")).size());
            assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId));
            List<String> takeOvers = Poll.until(Duration.ofSeconds(10), () -> TestDatabase.auditAfter(auditBefore,
                    "action", "actor", "target", "details").stream().filter(e -> e.startsWith("call-taken-over ")).toList(),
                    events -> !events.isEmpty(), "the take-over audited");
            assertEquals(1, takeOvers.size(), takeOvers.toString());
            assertTrue(takeOvers.get(0).startsWith("call-taken-over system room:" + roomId)
                    && takeOvers.get(0).contains("\"from\":\"node-2\"") && takeOvers.get(0).contains("\"to\":\"node-1\"")
                    && takeOvers.get(0).contains("\"places\":\"2\""), takeOvers.toString());
            if (screenshots != null) {
                ana.screenshot(screenshots + "-back-desktop");
                ana.viewport(390, 844, true);
                ana.screenshot(screenshots + "-back-phone");
            }
            if (ending == Ending.CUT) {
                Pattern handedOver = Pattern.compile("runs the call of room " + roomId + " now .*handed over");
                Poll.until(Duration.ofSeconds(10), () -> node2.logged(handedOver), Boolean::booleanValue,
                        "node 2 handing its copy of the call over, cut off as it is");
                assertEquals("node-1", runnerOf(roomId));
                cut.close();
                cut = null;
                Poll.until(Duration.ofSeconds(30), () -> ChannelView.members(management),
                        List.of("node-1", "node-2")::equals, "the views merged after the cut healed");
                assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId), "after the merge");
                assertTrue(!node2.logged(Pattern.compile("Taking over the call of room " + roomId)));
                Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > 30, "Ana still decoding Maria");
            }
            return worst;
        } finally {
            if (cut != null) {
                cut.close();
            }
        }
    }

    /** The node the database says runs the room's open visit's call. */
    private static String runnerOf(String roomId) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement query = db.prepareStatement("select r.node from call_runner r join visit v"
                     + " on v.id = r.visit_id where v.room_id = ?::uuid and v.ended_at is null")) {
            query.setString(1, roomId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

}
