package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.framesFrom;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.inRoom;
import static org.consilium.server.browser.Visits.myId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.consilium.videobridge.browser.Firefox;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A visit as people have it, in headless Chromium against the running server: a clinician
 * signs in, creates a room, invites a guest and joins; the guest waits in the lobby until
 * let in; both decode each other's video; a second guest is turned away and sees why; the
 * clinician shares a screen and the guest receives it; the guest leaves and the
 * clinician's view follows. Media go through the bridge embedded in the server.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class VisitInBrowserIT extends InTheBrowser {

    private static final Duration MEDIA = Duration.ofSeconds(45);

    @Test
    void clinicianAndGuestSeeEachOtherAfterTheLobby() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser(); Browser carl = new Browser()) {
            String room = "Wound check " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            assertTrue(link.contains("/join/"), link);

            ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ana.click("join-button");
            ana.visible("call"); // the owner goes straight in

            guestJoins(maria, link, "Maria González");
            maria.visible("lobby");
            assertTrue(maria.text("lobby-title").contains("Video visit"), maria.text("lobby-title"));
            assertFalse(maria.pageText().contains(room), "a guest sees the room's label, never its name");

            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            String anaId = myId(ana);
            String mariaId = myId(maria);

            Poll.until(MEDIA, () -> framesFrom(maria, anaId), frames -> frames > 30, "Maria decoding Ana's video");
            Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > 30, "Ana decoding Maria's video");
            assertTrue(samplesFrom(maria, anaId) > 0, "Maria receives Ana's audio");
            assertEquals(2, ana.all(By.cssSelector("#tiles .tile")).size());
            ana.screenshot("ana-in-call");

            maria.type("chat-input", "Good morning, <b>doctor</b>");
            maria.clickWhenEnabled(By.cssSelector("#chat-form button[type=submit]"));
            assertEquals("Good morning, <b>doctor</b>", ana.visible(By.cssSelector("#chat-log .chat-text")).getText(),
                    "chat arrives as text, not markup");
            maria.click("microphone-button");
            assertEquals("true", maria.visible("microphone-button").getAttribute("aria-pressed"));
            By mariasState = By.cssSelector("#tiles .tile[data-participant='" + mariaId + "'] .tile-state");
            Poll.until(Browser.PATIENCE, () -> ana.visible(mariasState).getText(), t -> t.contains("microphone off"),
                    "Ana sees Maria muted");
            // With her own microphone muted, the only voice Maria's page weighs is Ana's.
            By anaSpeaking = By.cssSelector("#tiles .tile.speaking[data-participant='" + anaId + "']");
            Poll.until(MEDIA, () -> maria.all(anaSpeaking).size(), n -> n == 1, "Ana's tile outlined as she speaks (the fake microphone beeps)");

            guestJoins(carl, link, "Carl Turned-Away");
            carl.visible("lobby");
            carl.screenshot("carl-in-lobby");
            ana.screenshot("ana-lobby-queue");
            if (Axe.installed()) { // the host's call view with someone waiting, and the waiting room
                ana.visible(By.cssSelector("#lobby-queue .lobby-entry"));
                assertEquals(List.of(), ana.seriousAccessibilityProblems(), "the host's call view");
                assertEquals(List.of(), carl.seriousAccessibilityProblems(), "the waiting room");
            }
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Deny Carl Turned-Away']"));
            assertEquals("You were not let in", carl.text("ended-title"));
            assertTrue(carl.text("ended-reason").contains("host"), carl.text("ended-reason"));
            carl.screenshot("carl-denied");
            ana.visible("lobby-empty");

            ana.click("screen-button");
            ana.click("screen-choice-share"); // "Detail (text, imaging)", the default
            Poll.until(MEDIA, () -> screenFramesFrom(maria, anaId), frames -> frames > 10, "Maria decoding Ana's screen");
            maria.visible(By.cssSelector("#screens figure[data-participant='" + anaId + "'] video"));
            maria.screenshot("maria-sees-screen");
            assertEquals("true", ana.visible("screen-button").getAttribute("aria-pressed"));
            assertEquals(Map.of("contentHint", "detail", "maxFramerate", 5L, "maxBitrate", 2_500_000L),
                    ana.callStats().get("screenSending"), "diagnostic detail: every pixel, 5 frames a second");
            assertEquals(List.of(), ana.callStats().get("refusals"), "the server took every message of Ana's page");
            assertEquals(List.of(), maria.callStats().get("refusals"), "and of Maria's (receiver-constraints among them)");
            // adaptive media end to end: Ana's camera goes out in three simulcast layers, and the
            // bridge tells Maria's page what it forwards her of it (media-allocation)
            Poll.until(MEDIA, () -> ((Number) ana.callStats().get("cameraLayers")).intValue(), layers -> layers == 3,
                    "Ana's camera going out in three simulcast layers");
            Poll.until(MEDIA, () -> forwardedTo(maria, anaId), forwarded -> forwarded,
                    "the bridge telling Maria's page that Ana's camera is forwarded to her");

            maria.click("leave-button");
            assertEquals("You left the call", maria.text("ended-title"));
            Poll.until(MEDIA, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 1, "Ana's view without Maria");
            assertTrue(ana.all(By.cssSelector("#tiles .tile[data-participant='" + mariaId + "']")).isEmpty());
            assertTrue(ana.visible("call").isDisplayed(), "Ana stays in the call");
        }
    }

    @Test
    void forgedAndExpiredInvitationsGetAPlainPage() throws Exception {
        try (Browser guest = new Browser()) {
            guest.open("/join/AQ8eLTxLWkl4hpWks8LR4Pk_forged.bm90LWEtc2lnbmF0dXJl");
            assertTrue(guest.text("refusal-title").length() > 0);
            assertTrue(guest.pageText().contains("link"), guest.pageText());

            String room = "Expiring link " + UUID.randomUUID();
            String link;
            try (Browser ana = new Browser()) {
                link = createRoomAndInvitation(ana, room);
            }
            try (Connection db = TestDatabase.asServer(); PreparedStatement expire = db.prepareStatement(
                    "update invitation set expires_at = now() - interval '1 second'"
                            + " where room_id in (select id from room where display_name = ?)")) {
                expire.setString(1, room);
                assertEquals(1, expire.executeUpdate());
            }
            guest.open(link);
            assertTrue(guest.text("refusal-title").toLowerCase().contains("expired"), guest.text("refusal-title"));
        }
    }

    /**
     * The same client in Firefox ESR (WebDriver BiDi): a guest checks devices, waits, is let in,
     * gets the bridge's answer to Firefox's offer, and chats; at phone and tablet sizes the
     * controls stay reachable. Firefox gathers no loopback ICE
     * candidates, so media cannot flow to a bridge on loopback here; Firefox's media through
     * the bridge is covered by the bridge's network-namespace test.
     */
    @Test
    void aGuestInFirefoxEsrWaitsIsLetInAndChats() throws Exception {
        Firefox.assumeInstalled();
        try (Browser ana = new Browser(); Firefox fiona = new Firefox(true)) {
            String room = "Firefox visit " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ana.click("join-button");
            ana.visible("call");

            fiona.open(URI.create(link));
            fiona.viewport(390, 844); // the guest on a phone, from the join page on
            Poll.until(Browser.PATIENCE, () -> fiona.run("const b = document.querySelector('form.guest-join button[type=submit]');"
                    + " b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect();"
                    + " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                    + " return window.innerWidth === 390 && (hit === b || b.contains(hit)) ? 'ok'"
                    + " : `width ${window.innerWidth}, button at ${Math.round(r.left)},${Math.round(r.top)}, hit ${hit && hit.outerHTML.slice(0, 80)}`;",
                    List.of()), "ok"::equals, "the join button reachable on a phone in Firefox");
            if (System.getProperty("consilium.it.screenshots") != null) {
                fiona.screenshot(java.nio.file.Path.of(System.getProperty("consilium.it.screenshots"), "firefox-join-390x844.png"));
            }
            fiona.run("const name = document.getElementById('display-name'); name.value = args[0];"
                    + " document.getElementById('privacy-acknowledged').checked = true;"
                    + " document.getElementById('consent-accepted').checked = true;"
                    + " setTimeout(() => document.querySelector('form.guest-join').requestSubmit(), 0); return true;",
                    List.of("Fiona Firefox"));
            until(fiona, "const b = document.getElementById('join-button'); return Boolean(b) && !b.disabled;", "Firefox's preview");
            fiona.run("setTimeout(() => document.getElementById('join-button').click(), 0); return true;", List.of());
            until(fiona, "return !document.getElementById('lobby').hidden;", "Firefox in the waiting room");

            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Fiona Firefox']"));
            until(fiona, "return !document.getElementById('call').hidden;", "Firefox in the call");
            until(fiona, "return (await window.consiliumCall.stats()).answers >= 1;", "the bridge's answer to Firefox's offer");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 2, "Ana sees Fiona");

            fiona.run("document.getElementById('chat-input').value = 'Hello from Firefox';"
                    + " document.getElementById('chat-form').requestSubmit(); return true;", List.of());
            assertEquals("Hello from Firefox", ana.visible(By.cssSelector("#chat-log .chat-text")).getText());
            until(fiona, "return [...document.querySelectorAll('#chat-log .chat-text')].some(m => m.textContent === 'Hello from Firefox');",
                    "Firefox's own message back in its log");

            // The call's controls in Firefox (issue 20): stage view puts Ana on the stage, a raised hand
            // reaches Ana's page, the M key mutes, the room's label and the visit's timer are shown.
            fiona.run("document.getElementById('layout-button').click(); return true;", List.of());
            until(fiona, "return document.getElementById('layout-button').getAttribute('aria-pressed') === 'true'"
                    + " && Boolean(document.querySelector('#tiles .tile.on-stage'));", "stage view in Firefox");
            fiona.run("document.getElementById('hand-button').click(); return true;", List.of());
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile-hand")).stream()
                    .anyMatch(badge -> badge.isDisplayed() && badge.getText().equals("Hand raised (1st)")), Boolean::booleanValue,
                    "Fiona's hand on Ana's page");
            fiona.run("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'm', bubbles: true})); return true;",
                    List.of());
            until(fiona, "return document.getElementById('microphone-button').getAttribute('aria-pressed') === 'true';",
                    "M muted Firefox's microphone");
            until(fiona, "return document.getElementById('call-title').textContent === 'Call: Video visit'"
                    + " && /^\\d+:\\d\\d$/.test(document.getElementById('call-timer').textContent);", "the label and the timer");

            // Phone and tablet sizes in Firefox (issue 20, item 8): the controls are on the page and
            // nothing covers them (each is what the page has at its centre once scrolled to), the tiles fit.
            for (int[] size : new int[][] {{390, 844}, {844, 390}, {768, 1024}}) {
                fiona.viewport(size[0], size[1]);
                until(fiona, "return window.innerWidth === " + size[0] + ";", "Firefox at " + size[0] + " px");
                Object covered = fiona.run("const hidden = [];"
                        + " for (const id of ['microphone-button', 'camera-button', 'hand-button', 'leave-button', 'layout-button', 'chat-input']) {"
                        + "   const control = document.getElementById(id); control.scrollIntoView({block: 'center'});"
                        + "   const box = control.getBoundingClientRect();"
                        + "   const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);"
                        + "   if (!hit || !(hit === control || control.contains(hit))) { hidden.push(id); } }"
                        + " const tiles = document.getElementById('tiles').getBoundingClientRect();"
                        + " if (tiles.right > document.documentElement.clientWidth + 1) { hidden.push('tiles wider than the page'); }"
                        + " return hidden.join(', ');", List.of());
                assertEquals("", covered, "controls covered or off the page in Firefox at " + size[0] + "×" + size[1]);
                String shots = System.getProperty("consilium.it.screenshots");
                if (shots != null) {
                    fiona.run("window.scrollTo(0, 0); return true;", List.of());
                    fiona.screenshot(java.nio.file.Path.of(shots, "firefox-call-" + size[0] + "x" + size[1] + ".png"));
                }
            }
        }
    }

    private static void until(Firefox browser, String script, String what) throws InterruptedException {
        Poll.until(Browser.PATIENCE, () -> browser.run(script, List.of()), Boolean.TRUE::equals, what);
    }

    private static long samplesFrom(Browser browser, String participant) {
        return Visits.received(browser.callStats(), participant, "samples");
    }

    @SuppressWarnings("unchecked")
    private static long screenFramesFrom(Browser browser, String participant) {
        Map<String, Object> screens = (Map<String, Object>) browser.callStats().get("screens");
        Object frames = screens == null ? null : screens.get(participant);
        return frames == null ? 0 : ((Number) frames).longValue();
    }

    /** Whether the last media-allocation Maria's page got says a video of the participant is forwarded. */
    @SuppressWarnings("unchecked")
    private static boolean forwardedTo(Browser page, String participantId) {
        Object allocation = page.callStats().get("allocation");
        if (!(allocation instanceof Map<?, ?> message) || !(message.get("sources") instanceof Map<?, ?> sources)) {
            return false;
        }
        return ((Map<String, Object>) sources).entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(participantId + "/video-") && e.getValue() instanceof Map<?, ?> source
                        && "forwarded".equals(source.get("state")));
    }
}
