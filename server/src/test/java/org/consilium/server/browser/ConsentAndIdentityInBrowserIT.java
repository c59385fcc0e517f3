package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.inRoom;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Consent to treat and the identity check (REQUIREMENTS D5) as people have them, in headless
 * Chromium: the guest's join page shows the consent next to the privacy notice (desktop and
 * phone, axe-core finds nothing serious); without ticking it the guest is refused with a
 * sentence and nothing is used; ticked, she waits and is let in. The clinician confirms her
 * identity from the People list (photo ID); both pages show "ID checked" on her; the guest's
 * own attempt to record one is refused. Afterwards the clinician's visit history shows the
 * consent and the check, and the database and the audit trail hold both.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ConsentAndIdentityInBrowserIT extends InTheBrowser {

    @Test
    void theGuestAgreesToTreatmentAndTheClinicianConfirmsHerIdentity() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            long before = TestDatabase.lastAuditSequence();
            String room = "Dermatology follow-up " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            String roomId = ana.visible(By.xpath("//li[@data-room][h3='" + room + "']")).getAttribute("data-room");
            ownerJoins(ana, room);

            maria.open(link);
            maria.visible("consent-to-treat");
            assertTrue(maria.text("consent-to-treat-text").contains("cannot examine you physically"),
                    maria.text("consent-to-treat-text"));
            assertEquals("I agree to be treated by video, as the consent to treat describes",
                    maria.visible(By.cssSelector("label[for=consent-accepted]")).getText());
            maria.script("document.getElementById('consent-to-treat').scrollIntoView({block: 'start'})");
            maria.screenshot("consent-join");
            assertEquals(List.of(), axe(maria), "the join page with the consent");
            maria.viewport(390, 844, true);
            maria.script("document.getElementById('consent-accepted').scrollIntoView({block: 'center'})");
            maria.screenshot("consent-join-phone");
            assertEquals(List.of(), axe(maria), "the join page on a phone");

            // Not ticked: the browser keeps the form (the box is required); past that, the server refuses.
            maria.type("display-name", "Maria González");
            maria.click("privacy-acknowledged");
            maria.script("document.getElementById('consent-accepted').required = false;"
                    + " document.querySelector('form.guest-join').requestSubmit();");
            maria.visible("consent-error");
            assertTrue(maria.text("consent-error").startsWith("Please read the consent to treat and tick the box"),
                    maria.text("consent-error"));
            assertEquals(Boolean.TRUE, maria.script("return document.getElementById('privacy-acknowledged').checked"),
                    "the box she ticked stays ticked");
            assertEquals("true", maria.visible("consent-accepted").getAttribute("aria-invalid"));
            assertEquals("Maria González", maria.visible("display-name").getAttribute("value"), "the name typed is kept");
            maria.script("document.getElementById('consent-error').scrollIntoView({block: 'center'})");
            maria.screenshot("consent-refused-phone");
            assertEquals(List.of(), axe(maria), "the refusal on a phone");
            maria.viewport(1280, 900, false);

            maria.click("consent-accepted");
            maria.clickWhenEnabled(By.cssSelector("form.guest-join button[type=submit]"));
            maria.click("join-button");
            maria.visible("lobby");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            String mariaId = myId(maria);
            myId(ana);

            // The guest has no button for it; a message of her own is refused, and nothing changes.
            maria.script("const send = WebSocket.prototype.send;"
                    + " WebSocket.prototype.send = function (data) { window.itSocket = this; return send.call(this, data); };");
            maria.click("microphone-button"); // any message, to catch the page's socket
            Poll.until(Browser.PATIENCE, () -> maria.script("return Boolean(window.itSocket)"), Boolean.TRUE::equals,
                    "the guest's page sent a message");
            assertEquals(0, maria.all(By.cssSelector("#people-list .person-identity")).size(), "no identity button for a guest");
            maria.script("window.itSocket.send(JSON.stringify({type: 'identity-check', participant: '" + mariaId
                    + "', method: 'photo-id'}))");
            Poll.until(Browser.PATIENCE, () -> String.valueOf(maria.callStats().get("refusals")), r -> r.contains("forbidden"),
                    "the guest's identity check refused");

            By confirm = By.cssSelector("#people-list button[aria-label='Confirm identity: Maria González']");
            ana.clickWhenEnabled(confirm);
            ana.visible("identity-dialog");
            ana.click("identity-method-photo-id");
            ana.screenshot("identity-dialog");
            assertEquals(List.of(), axe(ana), "the identity dialog");
            ana.click("identity-confirm");

            By badge = By.cssSelector("#tiles .tile[data-participant='" + mariaId + "'] .tile-identity");
            Poll.until(Browser.PATIENCE, () -> ana.visible(badge).getText(), "ID checked"::equals, "the badge on Ana's page");
            Poll.until(Browser.PATIENCE, () -> maria.visible(badge).getText(), "ID checked"::equals, "the badge on Maria's page");
            assertTrue(ana.visible(By.cssSelector("#people-list [data-participant='" + mariaId + "'] .person-facts")).getText()
                    .contains("identity checked (photo ID)"));
            assertTrue(maria.visible(By.cssSelector("#tiles .tile[data-participant='" + mariaId + "']"))
                    .getAttribute("aria-label").contains("identity checked (photo ID)"));
            ana.screenshot("identity-checked");
            maria.screenshot("identity-checked-guest");
            assertEquals(List.of(), axe(ana), "the call with the badge");
            maria.viewport(390, 844, true);
            maria.screenshot("identity-checked-guest-phone");
            assertEquals(List.of(), axe(maria), "the guest's call on a phone with the badge");

            List<String> stored = Poll.until(Browser.PATIENCE, () -> identityChecks(roomId), rows -> !rows.isEmpty(),
                    "the identity check in the database");
            assertEquals(1, stored.size(), stored.toString());
            assertTrue(stored.get(0).startsWith("guest:") && stored.get(0).endsWith(" PHOTO_ID aortiz"), stored.toString());
            String guest = stored.get(0).split(" ")[0];
            assertEquals(List.of(guest + " 1"), consents(roomId), "the consent on her stint, and on nobody else's");

            maria.click("leave-button");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 1, "Ana alone");
            ana.click("leave-button");
            ana.visible("ended");
            ana.open("/");
            ana.clickWhenEnabled(inRoom(room, "summary[@aria-label='Visits: " + room + "']"));
            String history = Poll.until(Browser.PATIENCE, () -> ana.visible(inRoom(room, "ol[@class='visit-list']")).getText(),
                    t -> t.contains("identity confirmed"), "the visit history");
            assertTrue(history.contains("agreed to the consent to treat (version "), history);
            assertTrue(history.contains("identity confirmed by aortiz (photo ID) at "), history);
            ana.script("document.querySelector('.visit-records').scrollIntoView({block: 'center'})");
            ana.screenshot("visit-history-consent-identity");
            assertEquals(List.of(), axe(ana), "the visit history");

            List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target", "details");
            String invitation = guest.substring("guest:".length());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("access-denied " + guest + " denied invitation:" + invitation)
                    && e.contains("\"reason\":\"consent-to-treat-not-accepted\"")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("consent-to-treat-accepted " + guest + " success invitation:"
                    + invitation) && e.contains("\"version\":\"")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("identity-confirmed aortiz success visit:")
                    && e.contains("\"guest\":\"" + guest + "\"") && e.contains("\"method\":\"photo-id\"")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("access-denied " + guest) && e.contains("identity-check")),
                    "the guest's attempt, audited: " + events);
        }
    }

    /** The room's identity checks: "{guest} {method} {confirmed by}". */
    private static List<String> identityChecks(String roomId) throws Exception {
        return rows("select p.principal, c.method, c.confirmed_by from visit_identity_check c"
                + " join visit_participant p on p.id = c.participant_id join visit v on v.id = p.visit_id"
                + " where v.room_id = ?::uuid", roomId, 3);
    }

    /** The room's stints with a consent to treat: "{principal} {version}". */
    private static List<String> consents(String roomId) throws Exception {
        return rows("select p.principal, p.consent_to_treat_version from visit_participant p join visit v on v.id = p.visit_id"
                + " where v.room_id = ?::uuid and p.consent_to_treat_version is not null"
                + " and p.consent_to_treat_sha256 is not null and p.consent_to_treat_accepted_at is not null", roomId, 2);
    }

    private static List<String> rows(String sql, String roomId, int columns) throws Exception {
        try (Connection db = TestDatabase.asServer(); PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, roomId);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(row.getString(i).strip());
                    }
                    rows.add(String.join(" ", values));
                }
            }
            return rows;
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
