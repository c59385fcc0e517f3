package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.FromAddress;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.SignInDelays;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wrong passwords delay further attempts of that account from that computer, growing; they
 * never lock the account itself (issue 18, item 10; docs/security.md, "Wrong passwords").
 * Other computers are loopback addresses 127.0.0.x (the server listens on 127.0.0.1).
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignInDelaysIT {

    static final String PASSWORD = "consilium-demo";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void wrongPasswordsFromOneComputerDoNotStopTheRightPasswordFromAnotherOrAfterTheDelay() throws Exception {
        long before = TestDatabase.lastAuditSequence();
        FromAddress attacker = SignInDelays.walkUp("aortiz", "127.0.0.2", Duration.ofSeconds(8)); // 8 wrong passwords, 7 s

        FromAddress.Answer waiting = attacker.signIn("aortiz", PASSWORD);
        assertTrue(waiting.throttled(), "even the right password waits at that computer: " + waiting.text());
        assertTrue(new FromAddress("127.0.0.3").signIn("aortiz", PASSWORD).signedIn(), "Ana at another computer");
        assertTrue(new Browserless().signIn("aortiz", PASSWORD).body().contains("Ana Ortiz"), "and at hers");
        Poll.until(Duration.ofSeconds(30), () -> attacker.signIn("aortiz", PASSWORD), FromAddress.Answer::signedIn,
                "the right password at the attacker's computer once the delay is over");

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details",
                "client_address");
        assertEquals(8, events.stream().filter(e -> e.startsWith("sign-in-failed aortiz failure")
                && e.endsWith("127.0.0.2") && e.contains("credentials refused")).count(), events::toString);
        for (int failures = 5; failures <= 8; failures++) { // five free, then each one a delay of its own
            String count = "\"failures\":\"" + failures + "\"";
            assertEquals(1, events.stream().filter(e -> e.startsWith("sign-in-throttled aortiz denied sign-in:aortiz@127.0.0.2")
                    && e.contains(count) && e.contains("\"scope\":\"account-and-address\"")).count(), events::toString);
        }
        assertTrue(events.stream().noneMatch(e -> e.startsWith("sign-in-throttled") && e.contains("\"failures\":\"4\"")));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("sign-in-failed aortiz denied")
                && e.contains("\"reason\":\"throttled\"") && e.endsWith("127.0.0.2")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("sign-in aortiz success") && e.endsWith("127.0.0.3")),
                events::toString);
    }

    @Test
    void theApiWaitsTooWithA429() throws Exception {
        FromAddress.Answer answer;
        Browserless script = new Browserless();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, script.postJson("/api/session", "{\"username\":\"nobody-" + "api\",\"password\":\"x\"}")
                    .statusCode());
        }
        HttpResponse<String> waiting = script.postJson("/api/session", "{\"username\":\"NOBODY-api\",\"password\":\"x\"}");
        assertEquals(429, waiting.statusCode(), waiting.body());
        assertTrue(waiting.headers().firstValue("Retry-After").isPresent());
        assertTrue(waiting.body().contains("Try again in"), waiting.body());
        answer = new FromAddress("127.0.0.8").signIn("nobody-api", "x");
        assertTrue(answer.refused(), "another computer is not delayed: " + answer.text());
    }

    @Test
    void elytronsOwnLockoutIsOffSoManyWrongPasswordsDoNotLockTheAccount() throws Exception {
        // 15 wrong passwords reach the directory (five from each of three computers, each
        // below its own delay): Elytron's built-in protection would refuse the right one now.
        for (String computer : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
            for (int i = 0; i < 5; i++) {
                assertTrue(new FromAddress(computer).signIn("lchen", "wrong-" + i).refused());
            }
        }
        assertTrue(new Browserless().signIn("lchen", PASSWORD).body().contains("Lee Chen"),
                "the right password from another computer still signs in");
    }

    @Test
    void theSignInPageSaysHowLongToWait() throws Exception {
        String page = new Browserless().get("/login.xhtml?throttled=90").body().replaceAll("\\s+", " ");
        assertTrue(page.contains("Too many wrong passwords for this user name from this computer. Wait 90 seconds"), page);
        String forged = new Browserless().get("/login.xhtml?throttled=%3Cb%3E").body();
        assertTrue(!forged.contains("sign-in-throttled") && !forged.contains("<b>"), "only a number is shown");
    }
}
