package org.consilium.server.signaling;

import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Draining a node for maintenance (issue 21, item 3) from the console's dashboard: it starts
 * no new call, and says why; the call going on goes on and still takes people; taking new
 * calls again starts them again; both changes are audited.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class NodeDrainIT {

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
    void aDrainedNodeStartsNoNewCallWhileTheCallGoingOnGoesOn() throws Exception {
        Browserless ana = signedIn("aortiz");
        String going = CallFixtures.createRoom(ana, "Drain: the call going on");
        String waiting = CallFixtures.createRoom(ana, "Drain: the next call");
        try (SignalingClient inCall = SignalingClient.open(ana, going, ORIGIN)) {
            inCall.await("joined");
            long before = TestDatabase.lastAuditSequence();
            Browserless sam = ConsoleUser.verifiedSession(ADMIN);

            HttpResponse<String> drained = ConsoleUser.press(sam, "/admin/", "drain", "drain:drain");
            assertEquals(200, drained.statusCode());
            assertTrue(drained.body().contains("Refused since "), "the dashboard says so: " + drained.body());
            assertTrue(drained.body().contains("id=\"drain:resume\""), "and offers to take calls again");
            ConsoleScreenshots.take(sam, "/admin/", "drain", "dashboard-drained");

            try (SignalingClient refused = SignalingClient.open(ana, waiting, ORIGIN)) {
                String error = refused.await("error");
                assertTrue(error.contains("\"code\":\"draining\"") && error.contains("maintenance"), error);
                assertEquals(1008, refused.awaitClosed());
            }
            try (SignalingClient ben = SignalingClient.open(signedIn("bokafor"), going, ORIGIN)) {
                ben.await("lobby"); // the call going on still takes people (Ben waits for the owner)
            }

            HttpResponse<String> resumed = ConsoleUser.press(sam, "/admin/", "drain", "drain:resume");
            assertTrue(resumed.body().contains("id=\"drain:drain\""), resumed.body());
            try (SignalingClient next = SignalingClient.open(ana, waiting, ORIGIN)) {
                next.await("joined");
            }

            List<String> changes = TestDatabase.auditAfter(before, "action", "actor", "target", "details").stream()
                    .filter(event -> event.startsWith("cluster-changed ")).toList();
            assertEquals(2, changes.size(), changes.toString());
            assertTrue(changes.get(0).startsWith("cluster-changed " + ADMIN + " node:node-1 ")
                    && changes.get(0).contains("\"change\":\"drain\""), changes.toString());
            assertTrue(changes.get(1).contains("\"change\":\"resume\""), changes.toString());
        }
    }
}
