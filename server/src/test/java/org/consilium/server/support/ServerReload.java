package org.consilium.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Changes the running server's configuration through its management API, reloading it where a change needs that. */
public final class ServerReload {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerReload() {
    }

    /** Runs a management operation and returns its result; fails the test with the server's reason if it fails. */
    public static ModelNode execute(ManagementClient management, ModelNode operation) throws IOException {
        ModelNode result = management.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(operation + " failed: " + Operations.getFailureDescription(result));
        }
        return Operations.readResult(result);
    }

    /** Reloads the server and waits until it has gone down and is ready again (all readiness checks UP). */
    public static void reload(ManagementClient management) throws Exception {
        try {
            execute(management, Operations.createOperation("reload"));
        } catch (IOException answerLostInTheReload) {
            // the reload may drop the management connection before its answer arrives
        }
        Poll.until(DEADLINE, ServerReload::readiness, code -> code != 200, "the server going down for the reload");
        Poll.until(DEADLINE, ServerReload::readiness, code -> code == 200, "the server ready after the reload");
    }

    /** The test server's readiness report (the checks and their data), whatever its status. */
    public static String readinessBody() throws IOException, InterruptedException {
        return HEALTH.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The readiness status code, or -1 while the management interface does not answer. */
    private static int readiness() throws InterruptedException {
        try {
            return HEALTH.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }
}
