package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in with a smart card (issue 8): the server asks browsers for a certificate
 * (consilium.tls.client-cert=true, arquillian.xml), trusts the hospital's card CA (a PEM
 * file made here, then loaded by the running server's key store: no restart), maps a card to
 * its directory account, gives the roles of the account's groups, and counts a card as both
 * factors for the admin console. A card it does not accept leaves its holder the password
 * form. The demo directory: srivera is an administrator, aortiz a clinician.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ClientCertificateSignInIT {

    private static final String PASSWORD = "consilium-demo";
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    private TestCardPki hospital;

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void theServerTrustsTheHospitalsCardCa() throws Exception {
        hospital = TestCardPki.trustedByTheServer(management);
    }

    @Test
    void anAdministratorsCardOpensTheConsoleWithoutACodeAndTheSignInIsAudited() throws Exception {
        forgetSecondFactor("srivera");
        SmartCard sam = hospital.card("CN=Sam Rivera,OU=Staff,O=Demo Hospital", "srivera@consilium.test", null);
        long before = TestDatabase.lastAuditSequence();

        Browserless browser = sam.browser();
        HttpResponse<String> console = browser.get("/admin/");
        assertEquals(200, console.statusCode(), "no sign-in form, no code: " + console.headers().map());
        assertEquals("srivera", text(console.body(), "console-username"));
        assertEquals(200, browser.get("/admin/keys.xhtml").statusCode(), "an administrator's page");
        assertEquals(302, browser.get("/admin/enrol.xhtml").statusCode(), "nothing to enrol: the card is the second factor");

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "details");
        List<String> signIns = events.stream().filter(e -> e.startsWith("sign-in ")).toList();
        assertEquals(1, signIns.size(), "recorded once for the session: " + events);
        String signIn = signIns.get(0);
        assertTrue(signIn.startsWith("sign-in srivera success "), signIn);
        assertTrue(signIn.contains("\"method\":\"client-certificate\""), signIn);
        assertTrue(signIn.contains("\"certificate-serial\":\"" + sam.serialHex() + "\""), signIn);
        assertTrue(signIn.contains("\"certificate-issuer\":\"O=Demo Hospital,CN=Consilium Test Card CA\""), signIn);
        assertFalse(signIn.contains("Sam Rivera"), "the certificate's subject is not in the trail");
        assertFalse(events.stream().anyMatch(e -> e.startsWith("second-factor-")), "no code asked: " + events);
    }

    @Test
    void theSameAdministratorWithThePasswordStillNeedsTheCode() throws Exception {
        forgetSecondFactor("srivera");
        Browserless browser = new Browserless();
        browser.signIn("srivera", PASSWORD);

        HttpResponse<String> console = browser.get("/admin/");
        assertEquals(302, console.statusCode());
        assertTrue(console.headers().firstValue("Location").orElse("").endsWith("/admin/enrol.xhtml"),
                "a password sign-in is one factor: " + console.headers().map());
    }

    @Test
    void aCliniciansCardOpensTheirHomePageButNotTheConsole() throws Exception {
        SmartCard ana = hospital.card("CN=Ana Ortiz,OU=Staff,O=Demo Hospital", null, "aortiz@consilium.test");
        Browserless browser = ana.browser();

        HttpResponse<String> home = browser.get("/");
        assertEquals(200, home.statusCode());
        assertEquals("Ana Ortiz", text(home.body(), "display-name"), "the account named by the card's e-mail address");
        HttpResponse<String> console = browser.get("/admin/");
        assertEquals(403, console.statusCode());
        assertTrue(console.body().contains("You do not have access to this page"));
    }

    @Test
    void aCardHoldersCallWebSocketReachesTheCall() throws Exception {
        SmartCard ana = hospital.card("CN=Ana Ortiz,OU=Staff,O=Demo Hospital", "aortiz@consilium.test", null);
        Browserless browser = ana.browser();
        assertEquals(200, browser.get("/").statusCode());
        HttpResponse<String> room = browser.postJson("/api/rooms", "{\"displayName\":\"Card call\",\"kind\":\"visit\"}");
        assertEquals(201, room.statusCode(), room.body());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(room.body());
        assertTrue(id.find(), room.body());
        String cookie = "CONSILIUM_SESSION=" + browser.cookie("CONSILIUM_SESSION").orElseThrow().getValue();

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = ana.webSocket("/signaling/" + id.group(1), cookie, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                received.add("closed " + statusCode + " " + reason);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            List<String> messages = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (messages.stream().noneMatch(m -> m.contains("\"type\":\"joined\"") || m.startsWith("closed "))
                    && System.nanoTime() < deadline) {
                String message = received.poll(200, TimeUnit.MILLISECONDS);
                if (message != null) {
                    messages.add(message);
                }
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("\"type\":\"joined\"")),
                    "the card's identity on the WebSocket's own connection joins the call: " + messages);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Test
    void aCardFromAnotherCaIsNotOfferedAndThePasswordFormAnswers() throws Exception {
        TestCardPki stranger = new TestCardPki("CN=Some Other CA");
        SmartCard card = stranger.card("CN=Sam Rivera", "srivera@consilium.test", null);

        HttpResponse<String> page = card.browser().browse("/admin/");
        assertEquals(200, page.statusCode());
        assertEquals("Sign in · Consilium", title(page.body()), "the browser has no card for this server's CAs");

        // A client that presents it anyway is refused by the TLS handshake: nobody is signed in.
        assertThrows(IOException.class, () -> card.insisting().get("/"));
    }

    @Test
    void anExpiredCardIsNotOfferedAndThePasswordFormAnswers() throws Exception {
        SmartCard expired = hospital.expiredCard("CN=Sam Rivera", "srivera@consilium.test", null);

        Browserless browser = expired.browser();
        HttpResponse<String> page = browser.browse("/");
        assertEquals(200, page.statusCode());
        assertEquals("Sign in · Consilium", title(page.body()));
        HttpResponse<String> signedIn = browser.signIn("aortiz", PASSWORD);
        assertEquals("Ana Ortiz", text(signedIn.body(), "display-name"), "the password form works as before");

        assertThrows(IOException.class, () -> expired.insisting().get("/"), "presented anyway: refused by TLS");
    }

    @Test
    void aCardNamingSomeoneNotInTheDirectoryIsRefusedAndAuditedAndThePasswordFormAnswers() throws Exception {
        SmartCard nobody = hospital.card("CN=Nobody Here,O=Demo Hospital", "nobody-here@consilium.test", null);
        long before = TestDatabase.lastAuditSequence();
        Browserless browser = nobody.browser();

        HttpResponse<String> page = browser.browse("/");
        assertEquals(200, page.statusCode());
        assertEquals("Sign in · Consilium", title(page.body()));
        // The refusal is no failure of the whole request: public things are served as usual.
        HttpResponse<String> stylesheet = browser.get("/static/consilium.css");
        assertEquals(200, stylesheet.statusCode());
        assertTrue(stylesheet.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(401, browser.get("/api/me").statusCode(), "the API answers for itself");
        browser.browse("/"); // shown the form again: audited once

        List<String> failures = TestDatabase.auditAfter(before, "action", "actor", "outcome", "details").stream()
                .filter(e -> e.startsWith("sign-in-failed ")).toList();
        assertEquals(1, failures.size(), failures::toString);
        String failure = failures.get(0);
        assertTrue(failure.startsWith("sign-in-failed nobody-here failure "), failure);
        assertTrue(failure.contains("\"method\":\"client-certificate\""), failure);
        assertTrue(failure.contains("\"reason\":\"not-in-directory\""), failure);
        assertTrue(failure.contains("\"certificate-serial\":\"" + nobody.serialHex() + "\""), failure);

        HttpResponse<String> signedIn = browser.signIn("aortiz", PASSWORD);
        assertEquals("Ana Ortiz", text(signedIn.body(), "display-name"), "the password form signs in as before");
    }

    private static void forgetSecondFactor(String username) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement delete = db.prepareStatement("delete from staff_second_factor where username = ?")) {
            delete.setString(1, username);
            delete.executeUpdate();
        }
    }

    private static String title(String html) {
        Matcher title = TITLE.matcher(html);
        return title.find() ? title.group(1).replace("&middot;", "·").strip() : "(no title)";
    }

    private static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in " + html);
        }
        return m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }
}
