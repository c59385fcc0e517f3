package org.consilium.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.consilium.server.directory.DemoDirectory;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Health: readiness follows the directory and the database (issue 2, item 6), and the HSM (HsmIT). */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class HealthIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @AfterEach
    void directoryIsBack() throws Exception {
        SharedDemoDirectory.get().listen();
    }

    @Test
    void liveAndReadyWhenEverythingIsUp() throws Exception {
        assertEquals(200, health("live").statusCode());
        HttpResponse<String> ready = Poll.until(DEADLINE, () -> health("ready"), r -> r.statusCode() == 200, "ready");
        assertTrue(ready.body().contains("\"name\":\"database\""), ready.body());
        assertTrue(ready.body().contains("\"name\":\"directory\""), ready.body());
        assertTrue(ready.body().contains("\"name\":\"hsm\""), ready.body()); // details: HsmIT
        // given a peer (node 2 of the cluster tests) that is not running: alone, and still ready
        assertTrue(ready.body().contains("\"name\":\"cluster\",\"status\":\"UP\""), ready.body());
        assertTrue(ready.body().contains("\"members\":\"node-1\""), ready.body());
        assertTrue(ready.body().contains("\"alone\":true"), ready.body());
    }

    @Test
    void readinessGoesDownWithTheReasonWhenTheDirectoryStopsAndUpWhenItReturns() throws Exception {
        DemoDirectory directory = SharedDemoDirectory.get();
        Poll.until(DEADLINE, () -> health("ready"), r -> r.statusCode() == 200, "ready before the outage");

        directory.stopListening();
        HttpResponse<String> down = Poll.until(DEADLINE, () -> health("ready"), r -> r.statusCode() == 503,
                "readiness DOWN after the directory stopped");
        assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
        assertTrue(down.body().contains("directory unreachable"), "says why: " + down.body());
        assertEquals(200, health("live").statusCode(), "a directory outage does not make the server dead");

        directory.listen();
        Poll.until(DEADLINE, () -> health("ready"), r -> r.statusCode() == 200, "readiness UP after the directory returned");
    }

    private HttpResponse<String> health(String which) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/" + which))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
