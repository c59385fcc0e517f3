package org.consilium.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The videobridge inside WildFly: the deployment binds the configured UDP port (loopback,
 * {@code consilium.it.media.port}, set in arquillian.xml), readiness reports it, a
 * connectivity check for nobody is ignored, undeploying the application releases the port
 * (deploying it again binds it again), a setting that cannot be used fails the deployment
 * with a message that names the property, and a port another process holds makes the media
 * check DOWN, naming the properties, until the bridge can take it.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class MediaPortIT {

    static final InetSocketAddress MEDIA_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(),
            Integer.getInteger("consilium.it.media.port", 10100));
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How long the bridge is given to answer what it must not answer. */
    private static final int SILENCE_MILLIS = 1500;
    private static final Pattern MEDIA_CHECK = Pattern.compile("\\{\"name\":\"media\",\"status\":\"(UP|DOWN)\",\"data\":\\{([^}]*)}");
    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":(\"[^\"]*\"|[^,]+)");
    private static final ModelNode DEPLOYMENT = Operations.createAddress("deployment", "consilium.ear");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void theDeployedApplicationHoldsTheConfiguredPortAndReadinessShowsIt() throws Exception {
        Map<String, String> media = readyMediaCheck();

        assertEquals(Integer.toString(MEDIA_PORT.getPort()), media.get("port"), media.toString());
        assertEquals("\"127.0.0.1\"", media.get("advertisedAddresses"), media.toString());
        assertEquals("0", media.get("conferences"), media.toString());
        assertEquals("0", media.get("endpoints"), media.toString());
        assertFalse(portIsFree(), "the server holds " + MEDIA_PORT);
    }

    @Test
    void aConnectivityCheckForAnUnknownUfragGetsNoAnswerAndHurtsNothing() throws Exception {
        readyMediaCheck();
        try (DatagramSocket browser = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            // Connected: were nothing listening, the ICMP port-unreachable would surface as an exception.
            browser.connect(MEDIA_PORT);
            browser.setSoTimeout(SILENCE_MILLIS);
            byte[] check = StunBindingRequest.check("nobody01", "brws", "a-password-nobody-issued");
            browser.send(new DatagramPacket(check, check.length));
            Random random = new Random(5389);
            for (int i = 0; i < 50; i++) { // and some junk, as a scanner would send
                byte[] junk = new byte[1 + random.nextInt(200)];
                random.nextBytes(junk);
                browser.send(new DatagramPacket(junk, junk.length));
            }

            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            assertThrows(SocketTimeoutException.class, () -> browser.receive(answer), "no answer, and no ICMP refusal");
        }

        Map<String, String> media = readyMediaCheck();
        assertEquals(Integer.toString(MEDIA_PORT.getPort()), media.get("port"), media.toString());
    }

    @Test
    void undeployingReleasesThePortAndDeployingAgainBindsIt() throws Exception {
        readyMediaCheck();
        execute(Operations.createOperation("undeploy", DEPLOYMENT));
        try {
            Poll.until(DEADLINE, MediaPortIT::portIsFree, free -> free, MEDIA_PORT + " free after the undeploy");
        } finally {
            execute(Operations.createOperation("deploy", DEPLOYMENT)); // other tests of this class need it
        }
        // The deploy operation returns once the @Startup bean has bound the port.
        assertFalse(portIsFree(), MEDIA_PORT + " bound again after the deploy");
        Map<String, String> media = readyMediaCheck();
        assertEquals(Integer.toString(MEDIA_PORT.getPort()), media.get("port"), media.toString());
    }

    @Test
    void aSettingThatCannotBeUsedFailsTheDeploymentNamingTheProperty() throws Exception {
        readyMediaCheck();
        ModelNode property = Operations.createAddress("system-property", "consilium.media.advertised-addresses");
        ModelNode add = Operations.createAddOperation(property);
        add.get("value").set("bridge.hospital.example");
        execute(add);
        try {
            ModelNode result = management.getControllerClient().execute(Operations.createOperation("redeploy", DEPLOYMENT));
            assertFalse(Operations.isSuccessfulOutcome(result), "a deployment with a host name to advertise: " + result);
            String failure = Operations.getFailureDescription(result).asString();
            assertTrue(failure.contains("consilium.media.advertised-addresses must be an IP address"), failure);
            assertTrue(failure.contains("bridge.hospital.example"), failure);
        } finally {
            execute(Operations.createRemoveOperation(property));
            management.getControllerClient().execute(Operations.createOperation("undeploy", DEPLOYMENT)); // whatever state it is in
            execute(Operations.createOperation("deploy", DEPLOYMENT));
        }
        assertFalse(portIsFree(), MEDIA_PORT + " bound again after the deploy");
        readyMediaCheck();
    }

    @Test
    void aPortHeldByAnotherProcessMakesReadinessDownNamingThePropertiesUntilItIsFree() throws Exception {
        readyMediaCheck();
        execute(Operations.createOperation("undeploy", DEPLOYMENT));
        try (DatagramChannel squatter = DatagramChannel.open()) {
            Poll.until(DEADLINE, MediaPortIT::portIsFree, free -> free, MEDIA_PORT + " free after the undeploy");
            squatter.bind(MEDIA_PORT);
            execute(Operations.createOperation("deploy", DEPLOYMENT)); // the application is up, without media

            Check down = Poll.until(DEADLINE, this::mediaCheck, check -> check != null && check.status().equals("DOWN"),
                    "the media check DOWN while another process holds the port");
            assertTrue(down.data().get("reason").contains("cannot open the media port 127.0.0.1:" + MEDIA_PORT.getPort()
                    + " (consilium.media.bind-address, consilium.media.port)"), down.toString());
            assertEquals(Integer.toString(MEDIA_PORT.getPort()), down.data().get("port"), down.toString());
        } finally {
            ModelNode enabled = management.getControllerClient().execute(
                    Operations.createReadAttributeOperation(DEPLOYMENT, "enabled"));
            if (!Operations.readResult(enabled).asBoolean(false)) { // failed before the deploy
                execute(Operations.createOperation("deploy", DEPLOYMENT));
            }
        }
        // The squatter has gone: the bridge takes the port at its next attempt.
        Map<String, String> media = readyMediaCheck();
        assertEquals(Integer.toString(MEDIA_PORT.getPort()), media.get("port"), media.toString());
        assertFalse(portIsFree(), "the server holds " + MEDIA_PORT);
    }

    /** Whether this process can bind the media port (and so the server does not hold it). */
    private static boolean portIsFree() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(MEDIA_PORT);
            return true;
        } catch (BindException taken) {
            return false;
        }
    }

    /** Waits until readiness is UP (all checks) and returns the media check's data. */
    private Map<String, String> readyMediaCheck() throws Exception {
        HttpResponse<String> ready = Poll.until(DEADLINE, this::ready, r -> r.statusCode() == 200, "ready");
        Check media = parse(ready.body());
        assertTrue(media != null, "a media check in " + ready.body());
        assertEquals("UP", media.status(), ready.body());
        return media.data();
    }

    /** The media check as readiness reports it now, UP or DOWN, or null if there is none. */
    private Check mediaCheck() throws IOException, InterruptedException {
        return parse(ready().body());
    }

    private static Check parse(String readiness) {
        Matcher check = MEDIA_CHECK.matcher(readiness);
        if (!check.find()) {
            return null;
        }
        Map<String, String> data = new TreeMap<>();
        Matcher field = FIELD.matcher(check.group(2));
        while (field.find()) {
            data.put(field.group(1), field.group(2));
        }
        return new Check(check.group(1), data);
    }

    private record Check(String status, Map<String, String> data) {
    }

    private HttpResponse<String> ready() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void execute(ModelNode operation) throws Exception {
        ModelNode result = management.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }
}
