package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.FromAddress;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.SignInDelays;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's Sign-in delays page (issue 18, item 10): an administrator sees the delays in force and lifts one. */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleSignInDelaysIT {

    static final String PAGE = "/admin/sign-in-delays.xhtml";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void anAdministratorSeesADelayAndLiftsIt() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        FromAddress ward = SignInDelays.walkUp("bokafor", "127.0.0.7", Duration.ofSeconds(16));
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals(200, page.statusCode(), page.body());
        String form = liftFormOf(page.body(), "bokafor@127.0.0.7");
        HttpResponse<String> lifted = sam.postFaces(PAGE, page.body(), form,
                Map.of("account", "bokafor", "address", "127.0.0.7"), form + ":submit");

        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals("Lifted: bokafor from 127.0.0.7 may sign in again now.", text(lifted.body(), "lift-done"));
        assertTrue(!lifted.body().contains("data-delay=\"bokafor@127.0.0.7\""), "no longer listed");
        assertTrue(ward.signIn("bokafor", ConsoleUser.PASSWORD).signedIn(), "at once, not after the 16 s");
        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target");
        assertTrue(events.contains("sign-in-throttle-lifted " + AdminConsoleIT.ADMIN + " success sign-in:bokafor@127.0.0.7"),
                events::toString);
    }

    @Test
    void liftingADelayThatEndedSaysSo() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        SignInDelays.walkUp("someone-gone", "127.0.0.10", Duration.ofSeconds(4));
        HttpResponse<String> page = sam.http.get(PAGE);
        String form = liftFormOf(page.body(), "someone-gone@127.0.0.10");

        HttpResponse<String> answer = sam.postFaces(PAGE, page.body(), form,
                Map.of("account", "someone-gone", "address", "127.0.0.99"), form + ":submit"); // nothing there

        assertEquals(200, answer.statusCode());
        assertTrue(text(answer.body(), "lift-error").startsWith("No delay is in force for someone-gone from 127.0.0.99"),
                answer.body());
    }

    @Test
    void auditorsDoNotSeeThePage() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.AUDITOR);
        ConsoleUser lee = new ConsoleUser(AdminConsoleIT.AUDITOR).enrolled();
        assertEquals(403, lee.http.get(PAGE).statusCode());
    }

    /** The id of the lift form in the table row of this delay ({@code account@address}). */
    static String liftFormOf(String html, String delay) {
        Matcher row = Pattern.compile("data-delay=\"" + Pattern.quote(delay) + "\".*?<form id=\"([^\"]+)\"", Pattern.DOTALL)
                .matcher(html);
        assertTrue(row.find(), "no row for " + delay + " in " + html);
        return row.group(1);
    }
}
