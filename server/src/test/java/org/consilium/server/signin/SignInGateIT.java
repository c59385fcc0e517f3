package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Around the container's own sign-in and sign-out (issue 18, items 9 and 12): a page on
 * another site can neither sign a browser in nor out (login CSRF), and a form sign-in is
 * audited when the mechanism accepts it, once, even if the browser asks for nothing after.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignInGateIT {

    static final String PASSWORD = "consilium-demo";
    static final String EVIL = "https://evil.example";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefusedAndAudited() throws Exception {
        for (String origin : List.of(EVIL, "null")) {
            long before = TestDatabase.lastAuditSequence();
            Browserless victim = new Browserless();
            victim.get("/");

            HttpResponse<String> posted = victim.postForm("/j_security_check",
                    Map.of("j_username", "bokafor", "j_password", PASSWORD), Map.of("Origin", origin));

            assertEquals(403, posted.statusCode(), origin + ": " + posted.body());
            assertTrue(posted.body().contains("another site"), posted.body());
            assertFalse(new Browserless().get("/").body().contains("Ben Okafor"));
            assertTrue(victim.browse("/").body().contains("j_security_check"), origin + ": still signed out");
            assertEquals(List.of("access-denied (anonymous) denied form:/j_security_check"),
                    TestDatabase.auditAfter(before, "action", "actor", "outcome", "target"), origin);
        }
    }

    @Test
    void aSignInFromThisSiteOrNamingNoOriginStillWorks() throws Exception {
        Browserless page = new Browserless();
        page.get("/");
        HttpResponse<String> fromOurPage = page.postForm("/j_security_check",
                Map.of("j_username", "bokafor", "j_password", PASSWORD), Map.of("Origin", page.origin()));
        assertEquals(302, fromOurPage.statusCode());
        assertTrue(page.browse("/").body().contains("Ben Okafor"));

        assertTrue(new Browserless().signIn("bokafor", PASSWORD).body().contains("Ben Okafor"), "no Origin: a script");
    }

    @Test
    void aSignOutPostedFromAnotherSiteIsRefusedAndAudited() throws Exception {
        Browserless ana = new Browserless();
        ana.signIn("aortiz", PASSWORD);
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> posted = ana.postForm("/sign-out", Map.of(), Map.of("Origin", EVIL));

        assertEquals(403, posted.statusCode());
        assertTrue(ana.browse("/").body().contains("Ana Ortiz"), "still signed in");
        assertEquals(List.of("access-denied denied form:/sign-out"),
                TestDatabase.auditAfter(before, "action", "outcome", "target"));
        assertEquals(302, ana.postForm("/sign-out", Map.of(), Map.of("Origin", ana.origin())).statusCode());
        assertTrue(ana.browse("/").body().contains("j_security_check"), "signed out from our own page");
    }

    @Test
    void aFormSignInIsAuditedWhenTheMechanismAcceptsItAndOnlyOnce() throws Exception {
        long before = TestDatabase.lastAuditSequence();
        Browserless lee = new Browserless();
        lee.get("/");

        HttpResponse<String> accepted = lee.postForm("/j_security_check",
                Map.of("j_username", "lchen", "j_password", PASSWORD));

        assertEquals(302, accepted.statusCode());
        assertEquals(List.of("sign-in lchen success {\"method\":\"password\"} 127.0.0.1"), signInsAfter(before),
                "audited before the browser asks for anything else");
        lee.browse("/");
        lee.browse("/");
        lee.get("/api/me");
        assertEquals(1, signInsAfter(before).size(), "and not again: " + signInsAfter(before));
    }

    @Test
    void anApiSignInIsAuditedAtOnceAndOnlyOnce() throws Exception {
        long before = TestDatabase.lastAuditSequence();
        Browserless script = new Browserless();

        assertEquals(200, script.postJson("/api/session",
                "{\"username\":\"lchen\",\"password\":\"" + PASSWORD + "\"}").statusCode());

        assertEquals(List.of("sign-in lchen success {\"method\":\"password\"} 127.0.0.1"), signInsAfter(before));
        assertEquals(200, script.get("/api/me").statusCode());
        assertEquals(1, signInsAfter(before).size(), "and not again: " + signInsAfter(before));
    }

    private static List<String> signInsAfter(long sequence) throws Exception {
        return TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "details", "client_address").stream()
                .filter(event -> event.startsWith("sign-in ")).toList();
    }
}
