package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ServerReload;
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

    private static final Path CRL_FILE = Path.of(System.getProperty("consilium.it.client-ca-file", "target/client-cert/ca.pem"))
            .toAbsolutePath().resolveSibling("crl.pem");
    private static final ModelNode TRUST_MANAGER =
            Operations.createAddress("subsystem", "elytron", "trust-manager", "consilium-client-ca");

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
        assertEquals("Ben Okafor", HomePage.displayName(lost.browser()), "before the CRL the card works");

        Files.writeString(CRL_FILE, hospital.crlPem(lost), StandardCharsets.US_ASCII);
        ModelNode crl = new ModelNode();
        crl.get("path").set(CRL_FILE.toString());
        ServerReload.execute(management, Operations.createWriteAttributeOperation(TRUST_MANAGER,
                "certificate-revocation-list", crl));
        ServerReload.reload(management);
        try {
            assertThrows(IOException.class, () -> lost.browser().get("/"), "revoked: no TLS connection with it");
            assertEquals("Ana Ortiz", HomePage.displayName(kept.browser()), "a card the list does not name works");
        } finally {
            ServerReload.execute(management, Operations.createUndefineAttributeOperation(TRUST_MANAGER,
                    "certificate-revocation-list"));
            ServerReload.reload(management);
        }
    }
}
