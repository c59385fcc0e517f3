package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Layouts (issue 20, item 1), as a dermatologist and a patient have them: Ana pins Maria's
 * tile to the stage and her page asks the bridge for the layer that fills it (720p, where the
 * tile view asked 180p); Maria's tile goes full screen; unpinned, the tile view is back. Maria
 * switches to stage view, which survives a reload; when Ana shares her screen, it is Maria's
 * stage and Ana's camera a filmstrip tile. Screenshots at desktop and phone size, axe-core on
 * each state, the controls reachable on a phone.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class CallLayoutInBrowserIT extends InTheBrowser {

    private static final Duration MEDIA = Visits.MEDIA;

    @Test
    void pinStageViewFullScreenAndAScreenOnTheStage() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Lesion check " + UUID.randomUUID().toString().substring(0, 8);
            String link = createRoomAndInvitation(ana, room);
            Visits.InCall call = anaLetsMariaIn(ana, maria, room, link);
            String mariaTile = "#tiles .tile[data-participant='" + call.mariaId() + "']";

            // Tile view (the default): nothing large, Maria's camera asked for at tile size.
            assertEquals("false", ana.visible("layout-button").getAttribute("aria-pressed"));
            Poll.until(Browser.PATIENCE, () -> constraints(ana), c -> number(c, "defaultMaxHeight") == 180
                    && number(c, "stageMaxHeight") <= 180, "Ana's page asking 180p for tiles");

            // Ana pins Maria: her tile fills the stage, the page asks for the layer that fills it.
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.pin"));
            Poll.until(Browser.PATIENCE, () -> ana.script("return document.querySelector(\"" + mariaTile
                    + "\").classList.contains('on-stage');"), Boolean.TRUE::equals, "Maria's tile on Ana's stage");
            assertEquals("true", ana.visible(By.cssSelector(mariaTile + " button.pin")).getAttribute("aria-pressed"));
            Map<String, Object> pinned = Poll.until(Browser.PATIENCE, () -> constraints(ana),
                    c -> number(c, "stageMaxHeight") == 720 && ((List<?>) c.get("onStage")).size() == 1,
                    "Ana's page asking 720p for the stage");
            assertEquals(180, number(pinned, "defaultMaxHeight"), "her own tile in the filmstrip asks nothing large: " + pinned);
            double stageHeight = height(ana, mariaTile + " .tile-media");
            double ownHeight = height(ana, "#tiles .tile[data-participant='" + call.anaId() + "'] .tile-media");
            assertTrue(stageHeight > 3 * ownHeight, "the stage " + stageHeight + " px, the filmstrip " + ownHeight + " px");
            ana.screenshot("layout-pinned");
            assertEquals(List.of(), axe(ana), "a pinned tile");

            // Full screen for Maria's picture, and back.
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.full-screen"));
            Poll.until(Browser.PATIENCE, () -> ana.script("var f = document.fullscreenElement;"
                    + " return f ? f.closest('.tile').dataset.participant : null;"), call.mariaId()::equals,
                    "Maria's tile full screen on Ana's page");
            ana.screenshot("layout-full-screen");
            ana.script("document.exitFullscreen();");
            Poll.until(Browser.PATIENCE, () -> ana.script("return document.fullscreenElement === null;"),
                    Boolean.TRUE::equals, "out of full screen");

            // Unpinned: the tile view again, 180p again.
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.pin"));
            Poll.until(Browser.PATIENCE, () -> constraints(ana), c -> number(c, "defaultMaxHeight") == 180
                    && number(c, "stageMaxHeight") <= 180, "Ana's page back to 180p");
            assertEquals(Boolean.FALSE, ana.script("return document.getElementById('tiles').classList.contains('filmstrip');"));

            // Maria chooses stage view: Ana large; the choice outlives a reload.
            maria.click("layout-button");
            assertEquals("true", maria.visible("layout-button").getAttribute("aria-pressed"));
            String anaTile = "#tiles .tile[data-participant='" + call.anaId() + "']";
            onStage(maria, anaTile, "Ana on Maria's stage");
            maria.script("window.reloadMarker = true; setTimeout(() => location.reload(), 0);");
            Poll.until(Browser.PATIENCE, () -> maria.script("return window.reloadMarker === undefined"
                    + " && !document.getElementById('call').hidden;"), Boolean.TRUE::equals, "Maria's reloaded page in the call");
            assertEquals("true", maria.visible("layout-button").getAttribute("aria-pressed"), "stage view after the reload");
            onStage(maria, anaTile, "Ana on Maria's stage after the reload");
            Poll.until(MEDIA, () -> Visits.framesFrom(maria, call.anaId()), frames -> frames > 30, "Maria decoding Ana again");
            maria.screenshot("layout-stage");
            assertEquals(List.of(), axe(maria), "stage view");

            // Ana shares her screen: it is Maria's stage, Ana's camera a filmstrip tile at 180p.
            ana.click("screen-button");
            ana.click("screen-choice-share");
            maria.visible(By.cssSelector("#screens figure[data-participant='" + call.anaId() + "'] video"));
            Poll.until(Browser.PATIENCE, () -> maria.script("var list = document.getElementById('tiles');"
                    + " return list.classList.contains('filmstrip') && !list.querySelector('.on-stage');"),
                    Boolean.TRUE::equals, "the screen as Maria's stage, the cameras a filmstrip");
            Map<String, Object> screen = Poll.until(MEDIA, () -> constraints(maria),
                    c -> number(c, "stageMaxHeight") >= 720 && number(c, "defaultMaxHeight") == 180,
                    "Maria's page asking for the screen large and Ana's camera small");
            assertTrue(String.valueOf(screen.get("onStage")).contains("/"), "the screen's source on the stage: " + screen);
            maria.visible(By.cssSelector("#screens figure[data-participant='" + call.anaId() + "'] button.full-screen"));
            maria.screenshot("layout-stage-screen");
            assertEquals(List.of(), axe(maria), "a screen on the stage");

            // On a phone: the stage, the filmstrip and every control reachable.
            maria.viewport(390, 844, true);
            maria.screenshot("layout-stage-screen-phone");
            assertEquals(List.of(), axe(maria), "a screen on the stage on a phone");
            ana.viewport(390, 844, true);
            ana.clickWhenEnabled(By.cssSelector(mariaTile + " button.pin"));
            onStage(ana, mariaTile, "Maria on Ana's stage on a phone");
            ana.screenshot("layout-pinned-phone");
            for (String control : List.of("layout-button", "leave-button", "microphone-button")) {
                assertEquals(null, ana.coveringElement(By.id(control)), control + " on a phone");
            }
            assertEquals(null, ana.coveringElement(By.cssSelector(mariaTile + " button.pin")), "the pin on a phone");
            assertEquals(List.of(), axe(ana), "a pinned tile on a phone");

            // On a tablet (768×1024), portrait: the same.
            ana.viewport(768, 1024, true);
            onStage(ana, mariaTile, "Maria on Ana's stage on a tablet");
            ana.screenshot("layout-pinned-tablet");
            for (String control : List.of("layout-button", "leave-button", "microphone-button")) {
                assertEquals(null, ana.coveringElement(By.id(control)), control + " on a tablet");
            }
            assertEquals(List.of(), axe(ana), "a pinned tile on a tablet");
        }
    }

    private static void onStage(Browser browser, String tile, String what) throws InterruptedException {
        Poll.until(Browser.PATIENCE, () -> browser.script("var t = document.querySelector(\"" + tile + "\");"
                + " return Boolean(t) && t.classList.contains('on-stage');"), Boolean.TRUE::equals, what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> constraints(Browser browser) {
        Object constraints = browser.callStats().get("constraints");
        return constraints instanceof Map ? (Map<String, Object>) constraints : Map.of();
    }

    private static long number(Map<String, Object> constraints, String field) {
        Object value = constraints.get(field);
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static double height(Browser browser, String selector) {
        return ((Number) browser.script("return document.querySelector(\"" + selector
                + "\").getBoundingClientRect().height;")).doubleValue();
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
