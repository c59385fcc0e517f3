package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.framesFrom;
import static org.consilium.server.browser.Visits.guestJoins;
import static org.consilium.server.browser.Visits.myId;
import static org.consilium.server.browser.Visits.ownerJoins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A guest reloads the page in the middle of a visit (docs/signaling.md, "Reconnecting"): the
 * reloaded page goes straight back into the call with her resume secret (no device check, no
 * lobby, no host letting her in again), in the same place (same participant id, so Ana's tile
 * of her stays), and media flows both ways again over the new peer connection.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ReconnectInBrowserIT extends InTheBrowser {

    private static final Duration MEDIA = Duration.ofSeconds(45);

    @Test
    void aGuestWhoReloadsThePageDuringTheCallIsBackInHerPlaceAtOnce() throws Exception {
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String room = "Reload check " + UUID.randomUUID();
            String link = createRoomAndInvitation(ana, room);
            ownerJoins(ana, room);
            guestJoins(maria, link, "Maria González");
            maria.visible("lobby");
            ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
            maria.visible("call");
            String anaId = myId(ana);
            String mariaId = myId(maria);
            Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > 30, "Ana decoding Maria's video");
            long anaHad = framesFrom(ana, mariaId);

            maria.script("window.reloadMarker = true; setTimeout(() => location.reload(), 0);");
            Poll.until(Browser.PATIENCE, () -> maria.script("return window.reloadMarker === undefined"
                    + " && !document.getElementById('call').hidden;"), Boolean.TRUE::equals, "Maria's reloaded page in the call");

            assertEquals(mariaId, myId(maria), "the same place");
            assertTrue(maria.all(By.cssSelector("#lobby:not([hidden])")).isEmpty(), "no lobby");
            Poll.until(MEDIA, () -> framesFrom(maria, anaId), frames -> frames > 30, "Maria decoding Ana's video again");
            Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > anaHad + 30,
                    "Ana decoding Maria's video again");
            assertEquals(1, ana.all(By.cssSelector("#tiles .tile[data-participant='" + mariaId + "']")).size(),
                    "Ana's tile of Maria stayed");
            assertEquals(2, ana.all(By.cssSelector("#tiles .tile")).size());
        }
    }
}
