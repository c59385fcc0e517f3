package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.inRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Guest privacy as people have it, in headless Chromium: a clinician names a room after the
 * patient and gives it a label for guests on her home page; the guest's join page shows the
 * label and the hospital's privacy notice (screenshots at desktop and phone sizes, axe-core
 * finds nothing serious), is completed with the keyboard alone, and refuses to go on until
 * the notice is acknowledged; the guest's pages and tab titles say the label and never the
 * room's name, in the waiting room and in the call, while the clinician's say the name.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class GuestPrivacyInBrowserIT extends InTheBrowser {

    private static final String LABEL = "Skin clinic, Dr. Ortiz";

    @Test
    void theGuestReadsTheNoticeSeesTheLabelAndNeverTheRoomsName() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Follow-up Octavia Pennyfeather " + UUID.randomUUID().toString().substring(0, 8);
            ana.signIn("aortiz", "consilium-demo");
            ana.type("new-room-name", room);
            ana.type("new-room-guest-label", LABEL);
            ana.click("new-room-button");
            assertEquals("Guests see it as “" + LABEL + "”.", ana.visible(inRoom(room, "p[contains(@class,'guests-see')]"))
                    .getText());
            ana.clickWhenEnabled(inRoom(room, "details[@class='guest-label']/summary"));
            assertEquals(LABEL, ana.visible(inRoom(room, "details[@class='guest-label']//input[@type='text']"))
                    .getAttribute("value"));
            ana.script("document.querySelector('#room-list details.guest-label').scrollIntoView({block: 'center'})"); // newest first
            ana.screenshot("home-guest-label");
            assertEquals(List.of(), axe(ana), "the home page with the label's form open");
            ana.clickWhenEnabled(inRoom(room, "details[@class='invite']/summary"));
            ana.clickWhenEnabled(inRoom(room, "details[@class='invite']//button[@type='submit']"));
            String link = ana.visible(inRoom(room, "input[contains(@class,'invitation-link')]")).getAttribute("value");
            ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ana.click("join-button");
            ana.visible("call");
            Poll.until(Browser.PATIENCE, ana::title, t -> t.contains(room), "the clinician's tab says the room's name");

            maria.open(link);
            maria.visible("privacy-notice");
            assertEquals(LABEL, maria.text("room-label"));
            assertEquals("Join: " + LABEL + " · Consilium", maria.title());
            assertTrue(maria.text("privacy-notice-text").contains("privacy office"), maria.text("privacy-notice-text"));
            assertFalse(maria.pageText().contains("Pennyfeather"), "the join page: " + maria.pageText());
            maria.screenshot("guest-join-notice");
            assertEquals(List.of(), axe(maria), "the join page with the notice");
            maria.viewport(390, 844, true);
            maria.screenshot("guest-join-notice-phone");
            assertEquals(List.of(), axe(maria), "the join page on a phone");
            maria.script("document.getElementById('privacy-acknowledged').scrollIntoView({block: 'center'})");
            maria.screenshot("guest-join-acknowledge-phone");

            // Keyboard only: the name field has the focus; Tab to each box, Space ticks it, Tab, Enter.
            assertEquals("display-name", maria.focused());
            maria.keys("Maria González");
            maria.keys(Keys.TAB);
            assertEquals("privacy-acknowledged", maria.focused());
            maria.keys(Keys.TAB);
            assertEquals("consent-accepted", maria.focused());
            maria.keys(Keys.TAB);
            maria.keys(Keys.ENTER); // without the boxes ticked the browser does not send the form
            assertEquals(Boolean.TRUE, maria.script("return document.getElementById('privacy-acknowledged').validity.valueMissing"));
            assertTrue(maria.url().contains("/join/"), "still on the join page: " + maria.url());
            if (!"privacy-acknowledged".equals(maria.focused())) { // Chromium takes the focus to the box left out
                maria.keys(Keys.SHIFT, Keys.TAB);
            }
            assertEquals("privacy-acknowledged", maria.focused());
            maria.keys(Keys.SPACE);
            assertEquals(Boolean.TRUE, maria.script("return document.getElementById('privacy-acknowledged').checked"));
            maria.keys(Keys.TAB);
            assertEquals("consent-accepted", maria.focused());
            maria.keys(Keys.SPACE); // the consent to treat (REQUIREMENTS D5), its own box
            maria.keys(Keys.TAB);
            maria.keys(Keys.ENTER);
            maria.viewport(1280, 900, false);
            maria.visible("join-button");
            assertTrue(maria.text("preview-title").contains(LABEL), maria.text("preview-title"));
            assertFalse(maria.pageText().contains("Pennyfeather") || maria.title().contains("Pennyfeather"),
                    "the device check: " + maria.pageText());

            maria.click("join-button");
            maria.visible("lobby");
            Poll.until(Browser.PATIENCE, () -> maria.text("lobby-title"), t -> t.contains(LABEL), "the lobby's label");
            assertTrue(maria.title().contains(LABEL), maria.title());
            maria.screenshot("guest-lobby-label");
            assertEquals(List.of(), axe(maria), "the waiting room");
            assertFalse(maria.pageText().contains("Pennyfeather") || maria.title().contains("Pennyfeather"));

            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            assertTrue(maria.title().contains(LABEL), maria.title());
            assertFalse(maria.title().contains("Pennyfeather"), maria.title());
            assertFalse((Boolean) maria.script("return document.documentElement.outerHTML.includes('Pennyfeather')"),
                    "nothing of the page, hidden parts included, holds the room's name");
            assertTrue(ana.title().contains(room), "the clinician still sees the name: " + ana.title());
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
