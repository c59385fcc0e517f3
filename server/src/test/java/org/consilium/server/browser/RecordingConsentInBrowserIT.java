package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.guestReachesPreview;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Recording with consent as people have it (issue 22, item 1), in headless Chromium: where the
 * room policy allows recording, Ana (the room's owner) starts it; everyone in the call, Ana
 * too, is asked in a modal dialog that Escape does not answer; Ana and Maria agree, João does
 * not; every page shows the indicator with "2 of 3 recorded" and each tile's badge; João
 * changes his mind and back; someone let in later is asked on entry; Ana stops it and every
 * indicator goes; the recording's record (its owner's API) has every answer and files only of
 * those who agreed. Screenshots of the dialog, the indicator and the declined view at desktop
 * and phone sizes; axe-core finds nothing serious with the dialog open or the indicator shown.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class RecordingConsentInBrowserIT extends InTheBrowser {

    private static final Pattern GIVEN = Pattern.compile("decision\\W+given");
    private static final Pattern DECLINED = Pattern.compile("decision\\W+declined");
    private static final Pattern WITHDRAWN = Pattern.compile("decision\\W+withdrawn");

    @BeforeEach
    void recordingAllowed() throws Exception {
        RecordedFiles.recordingPolicy(true);
    }

    @AfterEach
    void recordingAsBefore() throws Exception {
        RecordedFiles.recordingPolicy(false);
    }

    @Test
    void everyoneIsAskedTwoAgreeOneDeclinesAndEveryPageSaysWhoIsRecorded() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser(); Browser joao = new Browser()) {
            String room = "Recorded visit " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            ownerJoins(ana, room);
            guestJoins(maria, link, "Maria González");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            guestJoins(joao, link, "João Silva");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in João Silva']"));
            joao.visible("call");
            Map<String, Browser> pages = new LinkedHashMap<>();
            pages.put("Ana", ana);
            pages.put("Maria", maria);
            pages.put("João", joao);
            String anaId = myId(ana);
            String mariaId = myId(maria);
            String joaoId = myId(joao);
            for (Browser page : pages.values()) {
                Poll.until(Browser.PATIENCE, () -> page.all(By.cssSelector("#tiles .tile")).size(), n -> n == 3, "three tiles");
            }
            assertEquals(false, maria.script("return !document.getElementById('record-button').hidden"),
                    "only a host may record");
            long sequence = TestDatabase.lastAuditSequence();

            // Ana starts it: a toggle, nothing asked to start.
            assertEquals("Record", ana.text("record-button"));
            assertEquals("false", ana.visible("record-button").getAttribute("aria-pressed"));
            ana.click("record-button");
            Poll.until(Browser.PATIENCE, () -> ana.text("record-button"), "Stop recording"::equals, "the toggle pressed");
            assertEquals("true", ana.visible("record-button").getAttribute("aria-pressed"));

            // Everyone is asked, Ana too; the dialog says who started it and the server's notice.
            for (Map.Entry<String, Browser> page : pages.entrySet()) {
                Browser browser = page.getValue();
                browser.visible("recording-consent");
                assertEquals("This call is being recorded", browser.text("recording-consent-title"), page.getKey());
                assertTrue(browser.text("recording-consent-started").startsWith("Ana Ortiz started recording"),
                        page.getKey() + ": " + browser.text("recording-consent-started"));
                assertTrue(!browser.text("recording-consent-notice").isBlank(), page.getKey() + ": the notice");
                assertEquals("recording-consent-title", browser.focused(), page.getKey() + ": the focus in the dialog");
                Poll.until(Browser.PATIENCE, () -> browser.text("recording-count"), "0 of 3 recorded"::equals,
                        page.getKey() + "'s indicator while everyone is asked");
            }
            badges(ana, Map.of(anaId, "Asked", mariaId, "Asked", joaoId, "Asked"), "Ana's tiles while everyone is asked");
            maria.screenshot("recording-consent-dialog");
            assertEquals(List.of(), axe(maria), "the consent dialog");
            maria.viewport(390, 844, true);
            maria.screenshot("recording-consent-dialog-phone");
            assertEquals(List.of(), axe(maria), "the consent dialog on a phone");
            assertEquals(null, maria.coveringElement(By.id("recording-consent-no")), "Maria's answers on a phone");
            maria.viewport(1280, 900, false);

            // Escape is no answer: the dialog stays, and the server still has João as asked.
            joao.keys(Keys.ESCAPE);
            joao.keys(Keys.ESCAPE); // Chromium lets a second Escape close a dialog: it opens again
            Poll.until(Browser.PATIENCE, () -> joao.script("return document.getElementById('recording-consent').open"),
                    Boolean.TRUE::equals, "João's dialog still open after Escape");
            joao.visible("recording-consent-no");
            badges(ana, Map.of(joaoId, "Asked"), "João asked still, after Escape");

            // Keyboard: Tab from the title reaches the first answer.
            ana.keys(Keys.TAB);
            assertEquals("recording-consent-yes", ana.focused());
            ana.keys(Keys.ENTER);
            maria.click("recording-consent-yes");
            joao.click("recording-consent-no");
            for (Map.Entry<String, Browser> page : pages.entrySet()) {
                Browser browser = page.getValue();
                Poll.until(Browser.PATIENCE, () -> browser.text("recording-count"), "2 of 3 recorded"::equals,
                        page.getKey() + "'s indicator");
                assertEquals("Recording", browser.visible(By.cssSelector("#recording-indicator .recording-label")).getText());
                assertEquals(false, browser.script("return document.getElementById('recording-consent').open"),
                        page.getKey() + ": the dialog closed");
                badges(browser, Map.of(anaId, "Recorded", mariaId, "Recorded", joaoId, "Not recorded"),
                        page.getKey() + "'s tiles");
            }
            assertEquals("record-button", ana.focused(), "Ana's focus back on the button she pressed");
            assertEquals("You are recorded.", maria.text("recording-self"));
            assertEquals("Stop recording me", maria.text("recording-change"));
            assertEquals("You are not recorded.", joao.text("recording-self"));
            assertEquals("Record me", joao.text("recording-change"));
            ana.screenshot("recording-indicator-host");
            maria.screenshot("recording-indicator-consented");
            joao.screenshot("recording-indicator-declined");
            assertEquals(List.of(), axe(joao), "the indicator and badges");
            for (Browser browser : pages.values()) {
                browser.viewport(390, 844, true);
            }
            assertEquals(null, joao.coveringElement(By.id("recording-change")), "João's answer control on a phone");
            assertEquals(null, ana.coveringElement(By.id("record-button")), "Ana's toggle on a phone");
            assertEquals(null, ana.coveringElement(By.id("leave-button")), "Ana's Leave on a phone");
            for (Map.Entry<String, Browser> page : pages.entrySet()) {
                page.getValue().script("window.scrollTo(0, 0)");
                page.getValue().screenshot("recording-indicator-phone-" + (page.getValue() == ana ? "host"
                        : page.getValue() == maria ? "consented" : "declined"));
            }
            ana.script("document.getElementById('leave-button').scrollIntoView({block: 'end'})");
            ana.screenshot("recording-controls-phone-host");
            assertEquals(List.of(), axe(joao), "the indicator on a phone");
            for (Browser browser : pages.values()) {
                browser.viewport(1280, 900, false);
            }

            // João changes his mind, and back.
            joao.click("recording-change");
            Poll.until(Browser.PATIENCE, () -> ana.text("recording-count"), "3 of 3 recorded"::equals, "João recorded");
            Poll.until(Browser.PATIENCE, () -> joao.text("recording-change"), "Stop recording me"::equals, "João's control");
            joao.click("recording-change");
            Poll.until(Browser.PATIENCE, () -> ana.text("recording-count"), "2 of 3 recorded"::equals, "João withdrawn");
            badges(maria, Map.of(joaoId, "Not recorded"), "Maria sees João not recorded again");

            // Each answer is audited: Ana's, Maria's and João's second consent, João's refusal and withdrawal.
            List<String> consents = Poll.until(Browser.PATIENCE, () -> TestDatabase.auditAfter(sequence, "action", "actor",
                    "details").stream().filter(event -> event.startsWith("recording-consent ")).toList(),
                    events -> events.size() >= 5, "the consents in the audit trail");
            assertEquals(List.of(3L, 1L, 1L), List.of(count(consents, GIVEN), count(consents, DECLINED), count(consents, WITHDRAWN)),
                    "given, declined, withdrawn: " + consents);

            // Someone let in later sees it and is asked on entry.
            try (Browser lee = new Browser()) {
                guestReachesPreview(lee, link, "Lee Late");
                lee.click("start-camera-off");
                lee.click("join-button");
                ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Lee Late']"));
                lee.visible("call");
                lee.visible("recording-consent");
                lee.visible("recording-indicator");
                Poll.until(Browser.PATIENCE, () -> ana.text("recording-count"), "2 of 4 recorded"::equals,
                        "Lee asked, on Ana's page");
                lee.click("recording-consent-no");
                Poll.until(Browser.PATIENCE, () -> lee.text("recording-count"), "2 of 4 recorded"::equals, "Lee's page");
                badges(lee, Map.of(anaId, "Recorded", mariaId, "Recorded", joaoId, "Not recorded", myId(lee), "Not recorded"),
                        "Lee's tiles");
                lee.click("leave-button");
            }

            // Ana stops it: every indicator and badge goes; the toggle is released.
            ana.click("record-button");
            for (Map.Entry<String, Browser> page : pages.entrySet()) {
                Browser browser = page.getValue();
                Poll.until(Browser.PATIENCE, () -> browser.script("return document.getElementById('recording-indicator').hidden"),
                        Boolean.TRUE::equals, page.getKey() + "'s indicator gone");
                Poll.until(Browser.PATIENCE, () -> browser.all(By.cssSelector("#tiles .tile-recording:not([hidden])")).size(),
                        n -> n == 0, page.getKey() + "'s badges gone");
            }
            assertEquals("Record", ana.text("record-button"));
            assertEquals("false", ana.visible("record-button").getAttribute("aria-pressed"));

            // The recording's record, as its room's owner reads it: every answer, and files only of those who agreed.
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room");
            Browserless owner = DemoStaff.signedIn("aortiz");
            JsonObject recording = Poll.until(Browser.PATIENCE, () -> {
                HttpResponse<String> list = owner.get("/api/recordings?room=" + roomId);
                try (JsonReader reader = Json.createReader(new StringReader(list.body()))) {
                    JsonArray recordings = reader.readArray();
                    return recordings.isEmpty() ? null : recordings.getJsonObject(0);
                }
            }, r -> r != null && !r.isNull("stoppedAt") && r.getJsonArray("consents").size() >= 6, "the stopped recording");
            Map<String, List<String>> answers = new TreeMap<>();
            for (JsonObject consent : recording.getJsonArray("consents").getValuesAs(JsonObject.class)) {
                answers.computeIfAbsent(consent.getString("displayName"), name -> new ArrayList<>()).add(consent.getString("decision"));
            }
            assertEquals(Map.of("Ana Ortiz", List.of("given"), "Maria González", List.of("given"),
                    "João Silva", List.of("declined", "given", "withdrawn"), "Lee Late", List.of("declined")), answers,
                    recording.toString());
            Set<String> filed = new TreeSet<>();
            recording.getJsonArray("files").getValuesAs(JsonObject.class).forEach(file -> filed.add(file.getString("participant")));
            assertTrue(filed.contains(anaId) && filed.contains(mariaId), "Ana's and Maria's media: " + recording);
            assertTrue(filed.stream().allMatch(Set.of(anaId, mariaId, joaoId)::contains),
                    "nobody else's (João's only while he agreed): " + recording);
        }
    }

    private static long count(List<String> events, Pattern pattern) {
        return events.stream().filter(event -> pattern.matcher(event).find()).count();
    }

    /** Each named participant's tile shows the badge (waiting until it does). */
    private static void badges(Browser browser, Map<String, String> expected, String what) throws InterruptedException {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            By badge = By.cssSelector("#tiles .tile[data-participant='" + entry.getKey() + "'] .tile-recording");
            Poll.until(Browser.PATIENCE, () -> browser.visible(badge).getText(), entry.getValue()::equals,
                    what + ": " + entry.getKey());
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
