package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.json;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.GuestJoinForm;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consent to treat (REQUIREMENTS D5) on the real server: administrators set it in the
 * console (versioned, audited; auditors cannot); a guest who does not tick it, or whose page
 * showed a version replaced since, is refused (400, audited, the link unused); a guest who
 * ticks the version in force goes on, audited with its version and SHA-256.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ConsentToTreatIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void theConsentSetInTheConsoleIsTheOneAGuestMustAgreeTo() throws Exception {
        Browserless ana = signedIn("aortiz");
        String roomId = CallFixtures.createRoom(ana, "Consent check");
        String join = URI.create(json(ana.postJson("/api/rooms/" + roomId + "/invitations", "{\"singleUse\":true}").body())
                .asJsonObject().getString("link")).getPath();
        Browserless early = new Browserless();
        String oldPage = early.get(join).body();
        assertTrue(oldPage.contains("<h2 id=\"consent-to-treat-title\">Consent to treat</h2>"), oldPage);
        assertTrue(oldPage.contains("<label for=\"consent-accepted\">I agree to be treated by video"), oldPage);
        int oldVersion = GuestJoinForm.consentVersion(oldPage);
        String oldText = consent(oldVersion, "text");
        Browserless admin = ConsoleUser.verifiedSession("srivera");
        long before = TestDatabase.lastAuditSequence();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String text = "St. Elsewhere's consent to treat " + marker + ".\r\n\r\nYou may stop at any time.";
        try {
            // Without the box: the form again, the reason beside it, the link not used.
            Map<String, String> unticked = new LinkedHashMap<>(GuestJoinForm.acknowledged(oldPage, "Maria"));
            unticked.remove("consentAccepted");
            HttpResponse<String> refused = early.postForm(join, unticked);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("role=\"alert\" id=\"consent-error\">Please read the consent to treat"),
                    refused.body());
            assertTrue(refused.body().contains("value=\"Maria\""), "the name typed is kept");
            assertEquals(403, early.get("/guest/waiting").statusCode(), "no guest in the session");

            HttpResponse<String> blank = ConsoleUser.submit(admin, "/admin/policies.xhtml", "consent-to-treat",
                    Map.of("consent-to-treat:text", " \r\n"), "consent-to-treat:save");
            assertTrue(blank.body().contains("id=\"consent-to-treat-error\">The consent to treat must have 1 to 4000 characters."),
                    blank.body());
            HttpResponse<String> saved = ConsoleUser.submit(admin, "/admin/policies.xhtml", "consent-to-treat",
                    Map.of("consent-to-treat:text", text), "consent-to-treat:save");
            assertTrue(saved.body().contains("id=\"consent-to-treat-done\">Saved as version " + (oldVersion + 1)), saved.body());
            ConsoleScreenshots.take(admin, "/admin/policies.xhtml", "consent-to-treat-heading", "consent-to-treat-setting");
            HttpResponse<String> again = ConsoleUser.submit(admin, "/admin/policies.xhtml", "consent-to-treat",
                    Map.of("consent-to-treat:text", text), "consent-to-treat:save");
            assertTrue(again.body().contains("Nothing was changed"), "the same text is no new version");

            HttpResponse<String> stale = early.postForm(join, GuestJoinForm.acknowledged(oldPage, "Maria"));
            assertEquals(400, stale.statusCode(), "agreed to a consent that is no longer in force");
            assertTrue(stale.body().contains("The consent to treat has changed since this page was opened"), stale.body());
            assertTrue(stale.body().contains(marker), "and the new one is shown");
            assertEquals(oldVersion + 1, GuestJoinForm.consentVersion(stale.body()));
            assertEquals(303, early.postForm(join, GuestJoinForm.acknowledged(stale.body(), "Maria")).statusCode());

            String sha256 = consent(oldVersion + 1, "sha256");
            List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
            assertTrue(events.contains("access-denied guest:" + invitationId(events) + " denied invitation:" + invitationId(events)
                    + " {\"attempted\":\"join-lobby\",\"reason\":\"consent-to-treat-not-accepted\",\"room\":\"room:" + roomId
                    + "\"}"), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("access-denied guest:") && e.contains("consent-to-treat-changed")),
                    events.toString());
            assertTrue(events.contains("configuration-changed srivera success policy:consent-to-treat {\"after\":\"version="
                    + (oldVersion + 1) + "; sha256=" + sha256 + "\",\"before\":\"version=" + oldVersion + "; sha256="
                    + consent(oldVersion, "sha256") + "\",\"changed\":\"consent-to-treat\"}"), events.toString());
            assertTrue(events.contains("consent-to-treat-accepted guest:" + invitationId(events) + " success invitation:"
                    + invitationId(events) + " {\"room\":\"room:" + roomId + "\",\"sha256\":\"" + sha256 + "\",\"version\":\""
                    + (oldVersion + 1) + "\"}"), events.toString());

            Browserless auditor = ConsoleUser.verifiedSession("lchen");
            assertEquals(403, auditor.get("/admin/policies.xhtml").statusCode(), "administrators only");
        } finally {
            ConsoleUser.submit(admin, "/admin/policies.xhtml", "consent-to-treat", Map.of("consent-to-treat:text", oldText),
                    "consent-to-treat:save"); // the text before (a new version of it), for the tests that follow
        }
    }

    /** The invitation of the guest in these events (the one this test used). */
    private static String invitationId(List<String> events) {
        String event = events.stream().filter(e -> e.startsWith("consent-to-treat-accepted guest:")).findFirst().orElseThrow(
                () -> new AssertionError("no consent-to-treat-accepted in " + events));
        return event.substring("consent-to-treat-accepted guest:".length(), event.indexOf(' ', "consent-to-treat-accepted ".length()));
    }

    private static String consent(int version, String column) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement select = db.prepareStatement("select " + column + " from consent_to_treat where version = ?")) {
            select.setInt(1, version);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "version " + version);
                return row.getString(1).strip();
            }
        }
    }
}
