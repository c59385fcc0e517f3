package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An idle session ends after the configured time (REQUIREMENTS S4). The timeout is set to
 * three seconds through MicroProfile Config (a system property, set at runtime through the
 * management API); the test then watches the server's own session list rather than
 * touching the session, which would keep it alive.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class IdleTimeoutIT {

    private static final String PROPERTY = "consilium.session.idle-timeout";
    private static final ModelNode PROPERTY_ADDRESS = Operations.createAddress("system-property", PROPERTY);
    private static final ModelNode WEB_DEPLOYMENT = Operations.createAddress(
            "deployment", "consilium.ear", "subdeployment", "consilium-web.war", "subsystem", "undertow");

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void shortTimeout() throws Exception {
        ModelNode add = Operations.createAddOperation(PROPERTY_ADDRESS);
        add.get("value").set("PT3S");
        ServerReload.execute(management, add);
    }

    @AfterEach
    void defaultTimeout() throws Exception {
        ServerReload.execute(management, Operations.createRemoveOperation(PROPERTY_ADDRESS));
    }

    @Test
    void anIdleSessionEndsAndTheNextPageSaysWhy() throws Exception {
        Browserless ana = new Browserless();
        HttpResponse<String> landing = ana.signIn("aortiz", SignInIT.PASSWORD);
        assertEquals("Ana Ortiz", SignInIT.text(landing.body(), "display-name"));
        String session = ana.cookie("CONSILIUM_SESSION").orElseThrow().getValue().replaceFirst("\\..*$", "");
        assertTrue(sessions().contains(session), "the server lists the new session");

        Poll.until(Duration.ofSeconds(30), this::sessions, live -> !live.contains(session),
                "the server to expire the idle session");

        HttpResponse<String> after = ana.browse("/");
        SignInIT.assertSignInForm(after.body());
        assertTrue(after.body().contains("Your session ended after 3 seconds without activity"), after.body());
    }

    private List<String> sessions() throws Exception {
        ModelNode result = ServerReload.execute(management, Operations.createOperation("list-sessions", WEB_DEPLOYMENT));
        return result.asList().stream().map(ModelNode::asString).toList();
    }

}
