package org.consilium.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.admin.TestTotp;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ChannelView;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedAddress;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The appliance serving people's pages dies (docs/architecture.md, "Web sessions"): Ana (a
 * clinician) and Sam (an administrator, past the console's second factor) signed in through
 * the cluster's shared address, which node 2 held; node 2's JVM is killed ({@code kill -9})
 * and the address moves to node 1, which never saw either browser. Their next page loads are
 * served by node 1 signed in, from the cluster's copy of their HTTP sessions: Ana's home page
 * with her name and her previous sign-in as before, Sam's console dashboard without a password
 * or a code, and no new sign-in in the audit trail. Signing out still ends the session, and the
 * next page asks for a sign-in. Maria, a guest who gave her name on Ana's invitation, is still
 * at her device preview. Ben signs out on node 2 while both nodes run: his session is gone
 * from node 1 too.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SessionFailoverInBrowserIT extends InTheBrowser {

    private static final String COOKIE = "CONSILIUM_SESSION";
    private static final String ADMIN = "srivera";
    private static final String PASSWORD = "consilium-demo";
    private static final HttpClient NODE_1 = HttpClient.newBuilder().sslContext(Browserless.trustingSelfSigned())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    ManagementClient management;

    @Test
    void whenTheNodeOfTheirPagesIsKilledSignedInPeopleStaySignedInOnAnotherNode() throws Exception {
        InetSocketAddress node1 = new InetSocketAddress("127.0.0.1", Ports.HTTPS);
        ConsoleUser.forgetSecondFactor(ADMIN);
        try (ClusterNode node2 = ClusterNode.start(2);
             SharedAddress shared = SharedAddress.on("127.0.0.11", new InetSocketAddress(node2.address(), Ports.HTTPS));
             Browser ana = new Browser(shared.url()); Browser sam = new Browser(shared.url());
             Browser ben = new Browser(shared.url()); Browser maria = new Browser(shared.url())) {
            Poll.until(Duration.ofSeconds(30), () -> ChannelView.members(management),
                    List.of("node-1", "node-2")::equals, "node 2 in node 1's view");

            // On node 2, the holder of the address.
            String room = "Session failover " + UUID.randomUUID();
            String link = Visits.createRoomAndInvitation(ana, room); // signs Ana in
            assertEquals("Ana Ortiz", ana.text("display-name"));
            Visits.guestReachesPreview(maria, link, "Maria González");
            String previousSignIn = ana.text("previous-sign-in");
            String anasSession = ana.cookie(COOKIE);
            signInToTheConsole(sam);
            assertEquals(ADMIN, sam.text("console-username"));

            // Ben's session is on node 1 as soon as he is signed in; signing out on node 2 ends it there too.
            ben.signIn("bokafor", PASSWORD);
            String bensSession = ben.cookie(COOKIE);
            assertTrue(onNode1(bensSession).contains("Ben Okafor"), "Ben's session on node 1 while node 2 serves him");
            ben.clickWhenEnabled(By.cssSelector("form.sign-out button"));
            ben.visible("username");
            assertSignInAsked(onNode1(bensSession), "Ben's ended session on node 1");

            long auditBefore = TestDatabase.lastAuditSequence();
            node2.kill();
            shared.moveTo(node1);

            // Node 1 serves their next page loads, signed in.
            ana.open("/");
            assertEquals("Ana Ortiz", ana.text("display-name"), ana.pageText());
            assertEquals(previousSignIn, ana.text("previous-sign-in"), "the session's own bookkeeping came along");
            assertEquals(anasSession, ana.cookie(COOKIE), "the same session");
            ana.visible(Visits.inRoom(room, "a[contains(@class,'join-room')]"));
            ana.screenshot("session-failover-home");
            maria.open("/guest/waiting");
            maria.visible("join-button");
            assertEquals("Maria González", maria.script("return document.getElementById('call-client').dataset.selfName;"),
                maria.pageText());
            sam.open("/admin/");
            assertEquals(ADMIN, sam.text("console-username"), sam.pageText());
            assertTrue(sam.url().endsWith("/admin/"), "no second factor asked again: " + sam.url());
            sam.visible("health");
            sam.screenshot("session-failover-console");
            sam.open("/admin/audit.xhtml");
            sam.visible("actor");
            sam.open("/admin/");
            assertEquals(ADMIN, sam.text("console-username"), "the console reloaded: " + sam.pageText());
            List<String> signIns = TestDatabase.auditAfter(auditBefore, "action", "actor").stream()
                    .filter(event -> event.startsWith("sign-in")).toList();
            assertEquals(List.of(), signIns, "nobody signed in again");

            // Signing out still ends the session: the next page asks for a sign-in.
            ana.clickWhenEnabled(By.cssSelector("form.sign-out button"));
            ana.visible("username");
            ana.open("/");
            ana.visible("username");
            assertTrue(ana.all(By.id("display-name")).isEmpty(), ana.pageText());
            ana.screenshot("session-failover-signed-out");
            sam.clickWhenEnabled(By.cssSelector("form.sign-out button"));
            sam.visible("username");
            sam.open("/admin/");
            sam.visible("username");
            assertTrue(sam.all(By.id("console-username")).isEmpty(), sam.pageText());
            assertSignInAsked(onNode1(anasSession), "Ana's ended session");
            List<String> signOuts = TestDatabase.auditAfter(auditBefore, "action", "actor").stream()
                    .filter(event -> event.startsWith("sign-out")).toList();
            assertEquals(List.of("sign-out aortiz", "sign-out " + ADMIN), signOuts);
        }
    }

    /** Password, then enrolment in the second factor (the test is the phone's app), then the dashboard. */
    private static void signInToTheConsole(Browser browser) throws Exception {
        browser.open("/admin/");
        browser.type("username", ADMIN);
        browser.type("password", PASSWORD);
        browser.clickWhenEnabled(By.cssSelector("form.sign-in button[type=submit]"));
        TestTotp app = new TestTotp(browser.text("totp-secret"));
        browser.type("second-factor:code", app.freshCode());
        browser.click("second-factor:submit");
        browser.visible("console-username");
        assertTrue(browser.url().endsWith("/admin/"), browser.url());
    }

    /** Node 1's home page (straight, not through the shared address) for a browser holding {@code session}. */
    private static String onNode1(String session) throws Exception {
        HttpResponse<String> page = NODE_1.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + Ports.HTTPS + "/"))
                .header("Cookie", COOKIE + "=" + session).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    private static void assertSignInAsked(String page, String what) {
        assertTrue(page.contains("j_security_check"), what + ": " + page);
        assertFalse(page.contains("id=\"display-name\""), what + ": " + page);
    }
}
