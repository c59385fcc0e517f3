package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.guestReachesPreview;
import static org.consilium.server.browser.Visits.inRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The pre-call network check (REQUIREMENTS C7) through the real bridge, in headless Chromium on
 * loopback: the clinician's pre-join page and the guest's each run it as they open, say the
 * connection is good with the figures (round trip, loss, bitrate back, UDP), and run it again on
 * "Test again". The check joins no room: before anyone joins it leaves no visit, and while the
 * guest checks, the clinician in the call sees nobody new, in the call or waiting. Someone with
 * neither a sign-in nor an invitation cannot open one. Screenshots at desktop and phone sizes;
 * axe-core finds nothing serious.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class NetworkCheckInBrowserIT extends InTheBrowser {

    /** Connecting, ~5 s of measuring, and a busy test machine. */
    private static final Duration CHECK = Duration.ofSeconds(40);
    private static final Pattern FIGURES = Pattern.compile(
            "Round trip (\\d+) ms · loss (\\d+\\.\\d) % · ([\\d,]+) kbit/s received · UDP");

    @Test
    void staffAndGuestAreToldTheirConnectionIsGoodAndNobodyInTheRoomSeesTheCheck() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser(); Browser stranger = new Browser()) {
            ana.viewport(1280, 800, false);
            String room = "Network check " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            String roomId = ana.url().replaceAll(".*[?&]room=([^&]+).*", "$1");

            String anaFigures = good(ana, "the clinician's pre-join page", "network-check-staff-desktop");
            assertEquals(List.of(), axe(ana), "the clinician's pre-join page with the check's result");
            assertEquals(List.of("0 visit open", "0 stints open"), Visits.visitOf(roomId), "the check is no visit");
            assertFalse(ana.visible("join-button").getAttribute("disabled") != null, "joining never waits for the check");

            ana.click("join-button");
            ana.visible("call");
            guestReachesPreview(maria, link, "Maria Network-Check");
            maria.viewport(390, 844, true);
            String mariaFigures = good(maria, "the guest's pre-join page", "network-check-guest-phone");
            assertEquals(List.of(), axe(maria), "the guest's pre-join page on a phone");

            maria.click("network-check-again");
            Poll.until(Browser.PATIENCE, () -> level(maria), "checking"::equals, "Test again runs the check again");
            good(maria, "the guest's second check", "network-check-guest-phone-again");
            assertEquals(1, ana.all(By.cssSelector("#tiles .tile")).size(), "the clinician sees only herself in the call");
            assertTrue(ana.visible("lobby-empty").isDisplayed(), "and nobody waiting");
            assertEquals(List.of("1 visit open", "1 stints open"), Visits.visitOf(roomId), "only the clinician's stint");

            stranger.open("/");
            assertEquals("refused", stranger.script(openCheck()), "no sign-in, no invitation: no check");
            System.out.println("Network check figures: clinician " + anaFigures + "; guest " + mariaFigures);
        }
    }

    /** Waits for the page's check to finish; asserts it says good, with figures; returns them. */
    private static String good(Browser browser, String where, String screenshot) throws Exception {
        browser.visible("network-check");
        String level = Poll.until(CHECK, () -> level(browser), l -> l != null && !l.equals("checking"),
                "the check's result on " + where);
        browser.script("document.getElementById('network-check').scrollIntoView({block: 'center'})");
        browser.screenshot(screenshot);
        String verdict = browser.text("network-check-verdict");
        String figures = browser.text("network-check-figures");
        assertEquals("good", level, where + ": " + verdict + " (" + figures + ")");
        assertEquals("Your connection to the hospital's video system is good: video will work.", verdict);
        Matcher numbers = FIGURES.matcher(figures);
        assertTrue(numbers.matches(), where + ": " + figures);
        assertTrue(Integer.parseInt(numbers.group(1)) < 300, figures);
        assertTrue(Integer.parseInt(numbers.group(3).replace(",", "")) >= 150, figures);
        assertEquals("status", browser.visible("network-check-result").getAttribute("role"), "a live region");
        assertFalse(browser.visible("network-check-again").getAttribute("disabled") != null, "Test again");
        return figures;
    }

    private static String level(Browser browser) {
        return (String) browser.script("return document.getElementById('network-check-result').dataset.level || null");
    }

    /** A page's script opening a check: "refused" when the handshake fails, "opened" when it opens. */
    private static String openCheck() {
        return """
                return new Promise((resolve) => {
                  const ws = new WebSocket(`wss://${location.host}/signaling/network-check`);
                  ws.onopen = () => { ws.close(); resolve('opened'); };
                  ws.onerror = () => resolve('refused');
                });
                """;
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
