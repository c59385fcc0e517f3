package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.inRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clinician who tries to start a call on a node drained for maintenance is told why, in
 * words, on the call page (not "connection lost"), at desktop and phone sizes.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class DrainedInBrowserIT extends InTheBrowser {

    private static final String ADMIN = "srivera"; // the demo directory's administrator

    @AfterEach
    void takeNewCallsAgain() throws Exception {
        ConsoleUser.press(ConsoleUser.verifiedSession(ADMIN), "/admin/", "drain", "drain:resume");
    }

    @Test
    void aCallRefusedOnADrainedNodeSaysWhy() throws Exception {
        try (Browser ana = new Browser()) {
            String room = "Drained " + UUID.randomUUID();
            createRoomAndInvitation(ana, room);
            ConsoleUser.press(ConsoleUser.verifiedSession(ADMIN), "/admin/", "drain", "drain:drain");

            ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ana.click("join-button");
            assertEquals("You could not join the call", ana.text("ended-title"));
            String reason = ana.text("ended-reason");
            assertTrue(reason.startsWith("This appliance is being taken out of service for maintenance")
                    && reason.contains("try again") && reason.endsWith("."), reason);
            ana.screenshot("call-refused-draining-desktop");
            ana.viewport(390, 844, true);
            ana.visible("ended-reason");
            ana.screenshot("call-refused-draining-phone");
        }
    }
}
