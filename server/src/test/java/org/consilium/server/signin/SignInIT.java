package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staff sign in with their directory account through the sign-in page (issue 2, item 4). */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignInIT {

    static final String PASSWORD = "consilium-demo";
    static final String FAILURE = "Sign-in failed. Check your user name and password.";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void anAnonymousPageRequestGetsTheSignInPage() throws Exception {
        HttpResponse<String> page = new Browserless().browse("/index.xhtml");

        assertEquals(200, page.statusCode());
        assertSignInForm(page.body());
    }

    @Test
    void aClinicianSeesTheirNameAndTheRolesTheirGroupsGive() throws Exception {
        HttpResponse<String> landing = new Browserless().signIn("aortiz", PASSWORD);

        assertEquals(200, landing.statusCode());
        assertEquals("Ana Ortiz", text(landing.body(), "display-name"));
        assertEquals("aortiz", text(landing.body(), "username"));
        // Also in "Radiology Staff", which maps to nothing: only clinician.
        assertEquals(List.of("clinician"), roles(landing.body()));
    }

    @Test
    void adminAndAuditorGroupsGiveTheirRoles() throws Exception {
        assertEquals(List.of("admin"), roles(new Browserless().signIn("srivera", PASSWORD).body()));
        assertEquals(List.of("auditor"), roles(new Browserless().signIn("lchen", PASSWORD).body()));
    }

    @Test
    void userNamesAreNotCaseSensitive() throws Exception {
        HttpResponse<String> landing = new Browserless().signIn("BOkafor", PASSWORD);

        assertEquals("Ben Okafor", text(landing.body(), "display-name"));
    }

    @Test
    void aUserInNoMappedGroupIsRefusedPolitely() throws Exception {
        HttpResponse<String> refused = new Browserless().signIn("pdoe", PASSWORD);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not in a") && refused.body().contains("IT service desk"), refused.body());
        assertTrue(refused.body().contains("Sign out"), "offers to sign out");
        assertFalse(refused.body().contains("Exception"), "no stack trace");
    }

    @Test
    void wrongPasswordUnknownUserAndEmptyFieldsAllGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrongPassword = new Browserless().signIn("aortiz", "not-her-password");
        HttpResponse<String> unknownUser = new Browserless().signIn("nobody-here", PASSWORD);
        HttpResponse<String> emptyFields = new Browserless().signIn("", "");

        for (HttpResponse<String> failed : List.of(wrongPassword, unknownUser, emptyFields)) {
            assertEquals(200, failed.statusCode());
            assertEquals(FAILURE, text(failed.body(), "sign-in-error"));
            assertSignInForm(failed.body());
        }
        assertEquals(normalised(wrongPassword.body()), normalised(unknownUser.body()));
        assertEquals(normalised(wrongPassword.body()), normalised(emptyFields.body()));
    }

    @Test
    void theSecondSignInShowsWhenThePreviousOneWas() throws Exception {
        new Browserless().signIn("bokafor", PASSWORD);

        HttpResponse<String> again = new Browserless().signIn("bokafor", PASSWORD);

        assertTrue(text(again.body(), "previous-sign-in").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"),
                "previous sign-in is remembered in the database: " + text(again.body(), "previous-sign-in"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        Browserless ana = new Browserless();
        ana.signIn("aortiz", PASSWORD);

        HttpResponse<String> signedOut = ana.postForm("/sign-out", Map.of());
        assertEquals(302, signedOut.statusCode());
        HttpResponse<String> after = ana.browse("/");

        assertSignInForm(after.body());
        assertFalse(after.body().contains("Ana Ortiz"));
    }

    @Test
    void signingOutNeedsAPost() throws Exception {
        Browserless ana = new Browserless();
        ana.signIn("aortiz", PASSWORD);

        assertEquals(405, ana.get("/sign-out").statusCode());
        assertEquals("Ana Ortiz", text(ana.browse("/").body(), "display-name"));
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        Browserless ana = new Browserless();
        ana.get("/");
        HttpResponse<String> posted = ana.postForm("/j_security_check", Map.of("j_username", "aortiz", "j_password", PASSWORD));

        List<String> cookies = posted.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("CONSILIUM_SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
        List<String> attributes = List.of(session.toLowerCase(java.util.Locale.ROOT).split(";\\s*"));
        assertTrue(attributes.contains("secure"), session);
        assertTrue(attributes.contains("httponly"), session);
        assertTrue(attributes.contains("samesite=lax"), session);
    }

    @Test
    void pagesLoadNothingFromAnotherOriginAndSayNoInlineScript() throws Exception {
        HttpResponse<String> page = new Browserless().browse("/");

        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        Matcher reference = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"").matcher(page.body());
        while (reference.find()) {
            assertFalse(reference.group(1).matches("(?i)(https?:)?//.*"), "external reference " + reference.group(1));
        }
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
    }

    static void assertSignInForm(String html) {
        assertTrue(html.contains("name=\"j_username\"") && html.contains("name=\"j_password\""), "sign-in form expected: " + html);
        assertTrue(html.contains("<label for=\"username\">") && html.contains("<label for=\"password\">"), "labelled fields");
    }

    /** Text content of the element with this id (tags stripped, whitespace collapsed). */
    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(?:span|dd|div|p|ul|h1)>", Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no element #" + id + " in " + html);
        }
        return m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    static List<String> roles(String html) {
        Matcher m = Pattern.compile("<li class=\"role\">([^<]*)</li>").matcher(html);
        List<String> roles = new java.util.ArrayList<>();
        while (m.find()) {
            roles.add(m.group(1).strip());
        }
        return roles;
    }

    private static String normalised(String html) {
        return html.replaceAll("\\s+", " ");
    }
}
