package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
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
 * A lost card, once the hospital's revocation list names it, opens nothing: the TLS
 * handshake refuses it (browsers do not check revocation of their own certificates, so they
 * offer it). Revocation is not checked by default; this gives the trust manager a CRL as
 * docs/security.md tells hospital IT to, reloads the server, and takes it away afterwards.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ClientCertificateRevocationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Path CRL_FILE = Path.of(System.getProperty("consilium.it.client-ca-file", "target/client-cert/ca.pem"))
            .toAbsolutePath().resolveSibling("crl.pem");
    private static final ModelNode TRUST_MANAGER =
            Operations.createAddress("subsystem", "elytron", "trust-manager", "consilium-client-ca");
    private static final Pattern DISPLAY_NAME = Pattern.compile("id=\"display-name\"[^>]*>([^<]*)<");

    private final HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void aRevokedCardIsRefusedByTheHandshakeOnceTheServerHasTheHospitalsCrl() throws Exception {
        TestCardPki hospital = TestCardPki.trustedByTheServer(management);
        SmartCard lost = hospital.card("CN=Ben Okafor,O=Demo Hospital", "bokafor@consilium.test", null);
        SmartCard kept = hospital.card("CN=Ana Ortiz,O=Demo Hospital", "aortiz@consilium.test", null);
        assertEquals("Ben Okafor", displayName(lost.browser()), "before the CRL the card works");

        Files.writeString(CRL_FILE, hospital.crlPem(lost), StandardCharsets.US_ASCII);
        ModelNode crl = new ModelNode();
        crl.get("path").set(CRL_FILE.toString());
        TestCardPki.execute(management, Operations.createWriteAttributeOperation(TRUST_MANAGER,
                "certificate-revocation-list", crl));
        reload();
        try {
            assertThrows(IOException.class, () -> lost.browser().get("/"), "revoked: no TLS connection with it");
            assertEquals("Ana Ortiz", displayName(kept.browser()), "a card the list does not name works");
        } finally {
            TestCardPki.execute(management, Operations.createUndefineAttributeOperation(TRUST_MANAGER,
                    "certificate-revocation-list"));
            reload();
        }
    }

    private static String displayName(Browserless browser) throws Exception {
        HttpResponse<String> home = browser.get("/");
        assertEquals(200, home.statusCode(), home.body());
        Matcher name = DISPLAY_NAME.matcher(home.body());
        return name.find() ? name.group(1).strip() : "(no display name in " + home.body() + ")";
    }

    /** Reloads the server (a CRL is read when the trust manager starts) and waits until it is ready again. */
    private void reload() throws Exception {
        try {
            TestCardPki.execute(management, Operations.createOperation("reload"));
        } catch (IOException answerLostInTheReload) {
            // the reload may drop the management connection before its answer arrives
        }
        Poll.until(DEADLINE, this::readiness, code -> code != 200, "the server going down for the reload");
        Poll.until(DEADLINE, this::readiness, code -> code == 200, "the server ready after the reload");
    }

    /** The readiness status code, or -1 while the management interface does not answer. */
    private int readiness() throws InterruptedException {
        try {
            return health.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }
}
