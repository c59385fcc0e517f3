package org.consilium.server.signaling;

import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A call and the HTTP session behind it: an open signaling connection keeps the session
 * from its idle timeout (a call is activity, though the WebSocket never touches the
 * session), the timeout comes back when the connection closes, and signing out ends the
 * call for that person. The idle timeout is three seconds here, as in IdleTimeoutIT (a
 * system property set through the management API); the test watches the server's own
 * session list, so nothing it does touches the sessions it watches.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignalingSessionIT {

    private static final String IDLE_TIMEOUT = "consilium.session.idle-timeout";
    private static final ModelNode WEB_DEPLOYMENT = Operations.createAddress(
            "deployment", "consilium.ear", "subdeployment", "consilium-web.war", "subsystem", "undertow");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @AfterEach
    void defaultTimeout() throws Exception {
        management.getControllerClient().execute(
                Operations.createRemoveOperation(Operations.createAddress("system-property", IDLE_TIMEOUT)));
    }

    @Test
    void anOpenCallKeepsTheSessionPastItsIdleTimeoutWhichComesBackWhenTheCallCloses() throws Exception {
        ModelNode add = Operations.createAddOperation(Operations.createAddress("system-property", IDLE_TIMEOUT));
        add.get("value").set("PT3S");
        ServerReload.execute(management, add);
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana);
        String anaSession = sessionId(ana);

        try (SignalingClient line = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            line.await("joined");
            // The control, signed in after Ana last touched her session: same timeout, no call.
            String benSession = sessionId(signedIn("bokafor"));
            Poll.until(WAIT, this::sessions, live -> !live.contains(benSession), "Ben's idle session to expire");
            assertTrue(sessions().contains(anaSession), "Ana's session outlived the idle timeout: she is in a call");
            line.send("{\"type\":\"chat\",\"text\":\"Still connected\"}");
            assertTrue(line.await("chat").contains("Still connected"), "and so did the connection");
        }

        Poll.until(WAIT, this::sessions, live -> !live.contains(anaSession),
                "Ana's session to expire once the call closed (its idle timeout given back)");
        assertEquals(401, ana.get("/api/me").statusCode());
    }

    @Test
    void signingOutEndsTheCallForThatPerson() throws Exception {
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana);
        try (SignalingClient line = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
            line.await("joined");
            assertEquals(200, ana.get("/api/me").statusCode(), "the session is valid while in the call");

            HttpResponse<String> signedOut = ana.postForm("/sign-out", Map.of());
            assertEquals(302, signedOut.statusCode(), signedOut.body());

            assertTrue(line.await("removed").contains("You signed out."));
            line.awaitClosed(); // 1000 from the call, or 1008 from the container for the ended session: whichever is first
        }
        assertEquals(403, SignalingClient.refusedHandshake(ana, room, SignalingClient.ORIGIN),
                "signed out: no call any more, refused at the handshake");
    }

    private static String createRoom(Browserless owner) throws Exception {
        HttpResponse<String> created = owner.postJson("/api/rooms", "{\"displayName\":\"Session check\",\"kind\":\"visit\"}");
        assertEquals(201, created.statusCode(), created.body());
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    /** The session id as the server lists it (the cookie's value without the route). */
    private static String sessionId(Browserless browser) {
        return browser.cookie("CONSILIUM_SESSION").orElseThrow().getValue().replaceFirst("\\..*$", "");
    }

    private List<String> sessions() throws Exception {
        return ServerReload.execute(management, Operations.createOperation("list-sessions", WEB_DEPLOYMENT)).asList().stream()
                .map(ModelNode::asString).toList();
    }

}
