package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The call's controls and their state (issue 20, item 2), as a clinician and a patient use
 * them: the room's name (for the patient, the label for guests) and the visit's timer above
 * the call; Maria mutes with the M key and her button says "Unmute" (a key typed in the chat is
 * no shortcut); she raises her hand, Ana is told and sees her place in the queue, and lowers it
 * for her; H raises and lowers it; ? opens the list of shortcuts, Escape closes it. On a phone
 * the controls come right after the people, before the chat. Screenshots and axe-core on each state.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class CallControlsInBrowserIT extends InTheBrowser {

    @Test
    void nameTimerMuteHandAndShortcuts() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Controls " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            Visits.InCall call = anaLetsMariaIn(ana, maria, room, link);
            String mariaTile = "#tiles .tile[data-participant='" + call.mariaId() + "']";

            // The room's name for Ana, never for Maria; one visit timer, running.
            assertEquals("Call: " + room, ana.script("return document.getElementById('call-title').textContent;"));
            assertTrue(ana.text("call-title").contains(room), "the name shown");
            String label = (String) maria.script("return document.getElementById('call-title').textContent;");
            assertEquals("Call: Video visit", label, "a guest sees the label for guests, never the room's name");
            String first = ana.text("call-timer");
            assertTrue(first.matches("\\d+:\\d\\d"), first);
            Poll.until(Browser.PATIENCE, () -> ana.text("call-timer"), shown -> !shown.equals(first), "the timer running");
            // One's own connection in words: on this machine's loopback, good, and no advice to give.
            Poll.until(Browser.PATIENCE, () -> ana.text("connection-quality"), "Connection: Good"::equals,
                    "Ana's connection said");
            assertEquals(0L, ana.script("return document.querySelectorAll('#tiles .tile-quality:not([hidden])').length;"),
                    "no tile marked as coming badly");

            // M mutes; the button says what pressing it does; a key typed in the chat is text.
            maria.type("chat-input", "m");
            assertEquals("false", maria.visible("microphone-button").getAttribute("aria-pressed"), "typing is no shortcut");
            maria.script("document.activeElement.blur();");
            maria.press("m");
            Poll.until(Browser.PATIENCE, () -> maria.visible("microphone-button").getAttribute("aria-pressed"),
                    "true"::equals, "Maria muted by M");
            assertEquals("Unmute", maria.text("microphone-button").replaceAll("^\\P{L}+", ""));
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector(mariaTile + " .tile-state")).getText(),
                    text -> text.contains("microphone off"), "Ana sees Maria muted");

            // Maria raises her hand: Ana is told and sees her place in the queue, and lowers it for her.
            maria.click("hand-button");
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector(mariaTile + " .tile-hand")).getText(),
                    "Hand raised (1st)"::equals, "Maria's hand on Ana's page");
            Poll.until(Browser.PATIENCE, () -> ana.script("return document.getElementById('announcer').textContent;"),
                    "Maria González raised their hand."::equals, "Ana told");
            assertEquals("true", maria.visible("hand-button").getAttribute("aria-pressed"));
            // The people beside the call: Maria first (hands first), with her place and her microphone off.
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector("#people-list li:first-child")).getText(),
                    text -> text.startsWith("Maria González") && text.contains("microphone off, hand raised (1st)"),
                    "Maria first in Ana's list of people");
            assertEquals("People (2)", ana.text("people-title"));
            ana.screenshot("controls-hand-raised-host");
            maria.screenshot("controls-hand-raised");
            assertEquals(List.of(), axe(ana), "a raised hand, as the host sees it");
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.lower-hand"));
            Poll.until(Browser.PATIENCE, () -> maria.visible("hand-button").getAttribute("aria-pressed"),
                    "false"::equals, "the host lowered Maria's hand");
            assertEquals("Raise hand", maria.text("hand-button").replaceAll("^\\P{L}+", ""));

            // H raises and lowers it.
            maria.press("h");
            Poll.until(Browser.PATIENCE, () -> ana.script("var b = document.querySelector(\"" + mariaTile
                    + " .tile-hand\"); return Boolean(b) && !b.hidden;"), Boolean.TRUE::equals, "raised by H");
            maria.press("h");
            Poll.until(Browser.PATIENCE, () -> ana.script("return document.querySelector(\"" + mariaTile
                    + " .tile-hand\").hidden;"), Boolean.TRUE::equals, "lowered by H");

            // ? lists the shortcuts; Escape closes the list.
            maria.press("?");
            maria.visible("shortcuts-help");
            assertTrue(maria.text("shortcuts-help").contains("Raise or lower your hand"), maria.text("shortcuts-help"));
            maria.screenshot("controls-shortcuts");
            assertEquals(List.of(), axe(maria), "the shortcuts dialog");
            maria.press(Keys.ESCAPE);
            Poll.until(Browser.PATIENCE, () -> maria.script("return document.getElementById('shortcuts-help').open;"),
                    Boolean.FALSE::equals, "closed by Escape");

            // Single-key shortcuts can be turned off (WCAG 2.1.4). Maria is muted: with them off, M does
            // nothing, so one click on the button unmutes her (had M worked, the click would mute her again).
            maria.click("shortcuts-button");
            maria.click("shortcuts-on");
            maria.click("shortcuts-close-button");
            maria.press("m");
            maria.click("microphone-button");
            Poll.until(Browser.PATIENCE, () -> maria.visible("microphone-button").getAttribute("aria-pressed"),
                    "false"::equals, "unmuted by the button alone: M was off");

            // On a phone the controls come right after the people, before the chat.
            maria.viewport(390, 844, true);
            double controls = top(maria, ".call-controls");
            double chat = top(maria, "#chat");
            assertTrue(controls < chat, "controls at " + controls + " px, the chat at " + chat + " px");
            maria.screenshot("controls-phone");
            assertEquals(List.of(), axe(maria), "the call on a phone");
            ana.screenshot("controls-desktop");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMicrophoneSwitchedDuringTheCallGoesOutAtOnce() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Devices " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            Visits.InCall call = anaLetsMariaIn(ana, maria, room, link);

            maria.click("devices-button");
            maria.visible("devices-dialog");
            maria.visible("call-microphone-select");
            List<WebElement> microphones = maria.all(By.cssSelector("#call-microphone-select option"));
            assertTrue(microphones.size() >= 2, "the fake microphones listed: " + microphones.size());
            String before = (String) ((Map<String, Object>) maria.callStats().get("devices")).get("microphone");
            WebElement other = microphones.stream().filter(option -> !option.isSelected()).findFirst().orElseThrow();
            String chosen = other.getText();
            other.click();
            Poll.until(Browser.PATIENCE, () -> ((Map<String, Object>) maria.callStats().get("devices")).get("microphone"),
                    chosen::equals, "Maria's call going out through " + chosen + " (was " + before + ")");
            long heard = Visits.received(ana.callStats(), call.mariaId(), "samples");
            Poll.until(Visits.MEDIA, () -> Visits.received(ana.callStats(), call.mariaId(), "samples"),
                    samples -> samples > heard + 48_000, "Ana still hearing Maria after the switch");
            maria.screenshot("devices-dialog");
            assertEquals(List.of(), axe(maria), "the devices dialog");
            maria.viewport(390, 844, true);
            maria.screenshot("devices-dialog-phone");
            assertEquals(List.of(), axe(maria), "the devices dialog on a phone");
            maria.click("devices-close-button");
            Poll.until(Browser.PATIENCE, () -> maria.script("return document.getElementById('devices-dialog').open;"),
                    Boolean.FALSE::equals, "closed");
        }
    }

    @Test
    void theLastHostIsAskedBeforeLeavingAndAClosedRoomOffersNothingThatCannotWork() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Ending " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            anaLetsMariaIn(ana, maria, room, link);
            String roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");

            // Ana is the only host and Maria stays: leaving asks first; Cancel keeps her in.
            ana.click("leave-button");
            assertTrue(ana.dismissConfirm().startsWith("You are the last host in this call."));
            assertEquals(Boolean.FALSE, ana.script("return document.getElementById('call').hidden;"), "still in the call");

            // The room closed: both told so, nobody offered "Join again"; Ana gets the way back, Maria may close the page.
            assertEquals(200, DemoStaff.signedIn("aortiz").delete("/api/rooms/" + roomId).statusCode());
            for (Browser page : List.of(ana, maria)) {
                Poll.until(Browser.PATIENCE, () -> page.text("ended-title"), "The call has ended"::equals, "told the call ended");
                assertEquals(Boolean.TRUE, page.script("return document.getElementById('rejoin-button').hidden;"),
                        "no Join again into a closed room");
            }
            ana.visible("home-link");
            assertTrue(maria.text("ended-reason").endsWith("You can close this page."), maria.text("ended-reason"));
            maria.viewport(390, 844, true);
            maria.screenshot("ended-room-closed-guest-phone");
            assertEquals(List.of(), axe(maria), "a closed room, for a guest");
            ana.screenshot("ended-room-closed-host");
        }
    }

    private static double top(Browser browser, String selector) {
        return ((Number) browser.script("return document.querySelector('" + selector
                + "').getBoundingClientRect().top + window.scrollY;")).doubleValue();
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
