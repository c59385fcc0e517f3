package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.guestReachesPreview;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A camera that is off covers nothing: a guest joins with the camera off, the clinician turns
 * hers off during the call, and on both pages, on a desktop screen and on a phone's, the call
 * controls and the chat still take the clicks meant for them; then both leave. (A tile in the
 * camera-off state once took the preview overlay's {@code inset: 0} and covered the whole
 * call: nobody could leave or chat.)
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class CameraOffInBrowserIT extends InTheBrowser {

    /** What people click during a call: it must be what a click at its centre reaches. */
    private static final List<String> CONTROLS = List.of("microphone-button", "camera-button", "screen-button",
            "leave-button", "chat-input");

    @Test
    void withCamerasOffTheControlsAndChatStayReachableAndEveryoneCanLeave() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            ana.viewport(1280, 800, false);
            maria.viewport(1280, 800, false);
            String room = "Camera off " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            ownerJoins(ana, room);

            guestReachesPreview(maria, link, "Maria Camera-Off");
            maria.click("start-camera-off");
            maria.click("join-button");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria Camera-Off']"));
            maria.visible("call");
            String mariaId = myId(maria);
            String anaId = myId(ana);

            cameraOffShown(ana, mariaId, "Ana sees Maria's camera off");
            cameraOffShown(maria, mariaId, "Maria's own tile with her camera off");
            assertEquals(Map.of(), covered(ana), "Ana's controls with Maria's camera off");
            assertEquals(Map.of(), covered(maria), "Maria's controls with her camera off");
            ana.screenshot("camera-off-desktop-host");
            maria.screenshot("camera-off-desktop-guest");

            ana.click("camera-button"); // turning it off during the call
            assertEquals("true", ana.visible("camera-button").getAttribute("aria-pressed"));
            cameraOffShown(maria, anaId, "Maria sees Ana's camera off");
            cameraOffShown(ana, anaId, "Ana's own tile with her camera off");
            assertEquals(Map.of(), covered(ana), "Ana's controls with both cameras off");
            assertEquals(Map.of(), covered(maria), "Maria's controls with both cameras off");
            ana.screenshot("camera-off-desktop-both");

            maria.viewport(390, 844, true);
            assertEquals(Map.of(), covered(maria), "Maria's controls on a phone, both cameras off");
            maria.script("window.scrollTo(0, 0)");
            maria.screenshot("camera-off-phone-top");
            maria.script("document.getElementById('leave-button').scrollIntoView({block: 'end'})");
            maria.screenshot("camera-off-phone-controls");

            maria.type("chat-input", "Can you hear me?");
            maria.clickWhenEnabled(By.cssSelector("#chat-form button[type=submit]"));
            assertEquals("Can you hear me?", ana.visible(By.cssSelector("#chat-log .chat-text")).getText());

            maria.click("leave-button");
            assertEquals("You left the call", maria.text("ended-title"));
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 1,
                    "Ana's view without Maria");
            ana.click("leave-button");
            assertEquals("You left the call", ana.text("ended-title"));
        }
    }

    /** The participant's tile shows their initials instead of video, and says the camera is off. */
    private static void cameraOffShown(Browser browser, String participant, String what) throws InterruptedException {
        String tile = "#tiles .tile[data-participant='" + participant + "']";
        browser.visible(By.cssSelector(tile.replace(".tile[", ".tile.video-off[") + " .avatar"));
        Poll.until(Browser.PATIENCE, () -> browser.visible(By.cssSelector(tile + " .tile-state")).getText(),
                state -> state.contains("camera off"), what);
    }

    /** Each control that a click at its centre would not reach, with what is in the way. */
    private static Map<String, String> covered(Browser browser) throws InterruptedException {
        Map<String, String> covered = new LinkedHashMap<>();
        for (String control : CONTROLS) {
            String cover = browser.coveringElement(By.id(control));
            if (cover != null) {
                covered.put(control, cover);
            }
        }
        return covered;
    }
}
