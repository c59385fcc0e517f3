package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.backAt;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.framesFrom;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.visitOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.Poll;
import org.consilium.server.support.ServerProperties;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One conference across two appliances (a cascade, docs/architecture.md): with one participant
 * per bridge allowed, Ana's media stays on the bridge of the node that runs the call and Maria's
 * goes to the other node's, the two bridges joined by a relay over ICE and DTLS-SRTP. Both
 * browsers decode each other through it; the visit is one visit. Then node 2 dies: Maria's page
 * is told to connect again, takes her place back and gets her media on node 1's bridge.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class CascadeInBrowserIT extends InTheBrowser {

    private static final String ADMIN = "srivera"; // the demo directory's administrator
    private static final String PER_BRIDGE = "consilium.cluster.cascade.participants-per-bridge";

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void oneBridgeForEveryCallAgain() throws Exception {
        ServerProperties.remove(management, PER_BRIDGE);
    }

    @Test
    void twoBrowsersOnTheBridgesOfTwoNodesDecodeEachOtherThroughTheRelay() throws Exception {
        ServerProperties.set(management, PER_BRIDGE, "1");
        try (ClusterNode node2 = ClusterNode.start(2, List.of("-D" + PER_BRIDGE + "=1"));
             Browser ana = new Browser(); Browser maria = new Browser()) {
            Browserless sam = ConsoleUser.verifiedSession(ADMIN);
            Poll.until(Duration.ofSeconds(15), () -> ConsoleUser.clusterMember(sam, "node-2"),
                    row -> row.isPresent() && !row.get().getString("media").isEmpty(), "node 2's bridge in the registry");

            String room = "Cascade " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            long started = System.nanoTime();
            Visits.InCall inCall = anaLetsMariaIn(ana, maria, room, link); // each decodes the other
            System.out.printf("Cascaded call: Maria let in -> both decoding each other in %d ms (including the join)%n",
                    (System.nanoTime() - started) / 1_000_000);

            // each bridge: one participant and its end of the relay
            Poll.until(Duration.ofSeconds(10), () -> endpoints(sam, "node-1") + " and " + endpoints(sam, "node-2"),
                    "2 and 2"::equals, "one browser and one end of the relay on each node's bridge");
            long before = framesFrom(maria, inCall.anaId());
            Poll.until(Duration.ofSeconds(10), () -> framesFrom(maria, inCall.anaId()), frames -> frames > before + 30,
                    "Maria still decoding Ana through the relay");
            // the other bridge's decisions for Maria (what she is forwarded) reach her page through node 1
            Poll.until(Duration.ofSeconds(10), () -> maria.callStats().get("allocation"), allocation -> allocation != null,
                    "a media-allocation from node 2's bridge on Maria's page");
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
            assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId));
            ConsoleScreenshots.take(sam, "/admin/", "members-table", "dashboard-cascade-two-bridges");

            // node 2 dies: Maria's page is told to connect again and gets her media on node 1's bridge
            long killed = System.nanoTime();
            node2.kill();
            long mariaBack = backAt(maria, inCall.anaId(), "Maria decoding Ana again, through node 1's bridge") - killed;
            long anaFrames = framesFrom(ana, inCall.mariaId());
            Poll.until(Visits.MEDIA, () -> framesFrom(ana, inCall.mariaId()), frames -> frames > anaFrames + 30,
                    "Ana decoding Maria again");
            System.out.printf("Cascaded call, node 2 (Maria's bridge) killed -> Maria decoding again in %d ms, Ana too %d ms%n",
                    mariaBack / 1_000_000, (System.nanoTime() - killed) / 1_000_000);
            assertEquals(inCall.mariaId(), myId(maria), "Maria's place: no lobby");
            assertEquals(List.of("1 visit open", "2 stints open"), visitOf(roomId));
        }
    }

    private static int endpoints(Browserless admin, String node) throws Exception {
        return ConsoleUser.clusterMember(admin, node).map(row -> row.getInt("endpoints")).orElse(-1);
    }
}
