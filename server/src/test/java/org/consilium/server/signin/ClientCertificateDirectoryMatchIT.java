package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
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
 * Where the hospital's directory holds each person's card certificate (AD's userCertificate)
 * and the server is told to require it (docs/security.md: the ldap-realm's
 * x509-credential-mapper, and no skip-certificate-verification), only that very card signs
 * its account in; another card of the same CA naming the same account is refused and
 * audited. Configured through the management API with a reload, and put back afterwards.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ClientCertificateDirectoryMatchIT {

    private static final String SKIP_VERIFICATION = "org.wildfly.security.http.skip-certificate-verification";
    private static final String X509_MAPPER = "identity-mapping.x509-credential-mapper";
    private static final ModelNode MECHANISMS = Operations.createAddress("subsystem", "elytron",
            "configurable-http-server-mechanism-factory", "consilium-http-mechanisms");
    private static final ModelNode REALM = Operations.createAddress("subsystem", "elytron", "ldap-realm", "consilium-directory");

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void whereTheDirectoryMustHoldTheCardOnlyThatCardSignsIn() throws Exception {
        TestCardPki hospital = TestCardPki.trustedByTheServer(management);
        SmartCard published = hospital.card("CN=Lee Chen,O=Demo Hospital", "lchen@consilium.test", null);
        SmartCard another = hospital.card("CN=Lee Chen,O=Demo Hospital", "lchen@consilium.test", null);
        SharedDemoDirectory.get().setUserCertificate("lchen", published.certificate().getEncoded());
        requireTheDirectorysCertificate(true);
        try {
            assertEquals("Lee Chen", HomePage.displayName(published.browser()), "the card in lchen's entry");

            long before = TestDatabase.lastAuditSequence();
            assertTrue(another.browser().browse("/").body().contains("<title>Sign in"), "another card: the form");
            List<String> failures = TestDatabase.auditAfter(before, "action", "actor", "details").stream()
                    .filter(e -> e.startsWith("sign-in-failed ")).toList();
            assertEquals(1, failures.size(), failures::toString);
            assertTrue(failures.get(0).startsWith("sign-in-failed lchen "), failures.toString());
            assertTrue(failures.get(0).contains("\"reason\":\"not-the-directory-certificate\""), failures.toString());
            assertTrue(failures.get(0).contains("\"certificate-serial\":\"" + another.serialHex() + "\""), failures.toString());
        } finally {
            requireTheDirectorysCertificate(false);
            SharedDemoDirectory.get().setUserCertificate("lchen", null);
        }
    }

    /** The two changes docs/security.md names, or back to the default (TLS validates, the directory names the account). */
    private void requireTheDirectorysCertificate(boolean required) throws Exception {
        if (required) {
            ModelNode remove = Operations.createOperation("map-remove", MECHANISMS);
            remove.get("name").set("properties");
            remove.get("key").set(SKIP_VERIFICATION);
            ServerReload.execute(management, remove);
            ModelNode mapper = new ModelNode();
            mapper.get("certificate-from").set("userCertificate");
            ServerReload.execute(management, Operations.createWriteAttributeOperation(REALM, X509_MAPPER, mapper));
        } else {
            ModelNode put = Operations.createOperation("map-put", MECHANISMS);
            put.get("name").set("properties");
            put.get("key").set(SKIP_VERIFICATION);
            put.get("value").set("true");
            ServerReload.execute(management, put);
            ServerReload.execute(management, Operations.createUndefineAttributeOperation(REALM, X509_MAPPER));
        }
        ServerReload.reload(management);
    }
}
