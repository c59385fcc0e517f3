package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.anaLetsMariaIn;
import static org.consilium.server.browser.Visits.createRoomAndInvitation;
import static org.consilium.server.browser.Visits.inRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.consilium.server.support.Axe;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A clinician's visit history (issue 20, item 5): after a visit, Ana opens her room's
 * "Visits" on her home page and reads when it was, how long, and who took part as what; the
 * read is audited ({@code visits-viewed}). Once the room is closed it leaves her open rooms,
 * and its history is still there under "Closed rooms and their visits". A colleague who is no
 * host of the room cannot read it. Screenshots at desktop and phone size, axe-core on each.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class VisitHistoryInBrowserIT extends InTheBrowser {

    @Test
    void theOwnerReadsPastVisitsAlsoOfAClosedRoomAndEachReadIsAudited() throws Exception {
        String room = "History " + UUID.randomUUID().toString().substring(0, 8);
        String roomId;
        try (Browser ana = new Browser(); Browser maria = new Browser()) {
            String link = createRoomAndInvitation(ana, room);
            anaLetsMariaIn(ana, maria, room, link);
            roomId = (String) ana.script("return document.getElementById('call-client').dataset.room;");
            maria.click("leave-button");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.cssSelector("#tiles .tile")).size(), n -> n == 1,
                    "Maria gone from Ana's call"); // then Ana, alone, is not asked before leaving
            ana.click("leave-button");
            ana.visible("ended");

            long sequence = TestDatabase.lastAuditSequence();
            ana.open("/");
            ana.clickWhenEnabled(inRoom(room, "summary[@aria-label='Visits: " + room + "']"));
            By people = By.xpath("//li[@data-room][h3='" + room + "']//ul[@class='visit-people']");
            String stints = Poll.until(Browser.PATIENCE, () -> ana.visible(people).getText(),
                    text -> text.contains("Maria González (guest)"), "the visit's people on Ana's home page");
            assertTrue(stints.contains("Ana Ortiz (owner)"), stints);
            String summary = ana.visible(By.xpath("//li[@data-room][h3='" + room + "']//p[@class='visit-summary']")).getText();
            // open a while after the last person left (they may come back), then ended by the empty-room timeout
            assertTrue(summary.matches(".+, (\\d+:\\d\\d long|open, nobody in it since .+), video"), summary);
            Poll.until(Browser.PATIENCE, () -> TestDatabase.auditAfter(sequence, "action", "target"),
                    events -> events.stream().anyMatch(e -> e.contains("visits-viewed") && e.contains(roomId)),
                    "the read audited");
            ana.script("document.querySelector('.visit-list').scrollIntoView({block: 'center'});");
            ana.screenshot("visit-history");
            assertEquals(List.of(), axe(ana), "a room's visits");

            // A colleague who is no host of it reads nothing.
            assertEquals(403, DemoStaff.signedIn("bokafor").get("/api/rooms/" + roomId + "/visits").statusCode());

            // Closed, the room leaves the open ones; its history stays readable.
            assertEquals(200, DemoStaff.signedIn("aortiz").delete("/api/rooms/" + roomId).statusCode());
            ana.open("/");
            Poll.until(Browser.PATIENCE, () -> ana.all(By.xpath("//ul[@id='room-list']/li[h3='" + room + "']")).size(),
                    n -> n == 0, "the closed room out of the open ones");
            ana.clickWhenEnabled(By.cssSelector("#closed-rooms > summary"));
            ana.clickWhenEnabled(By.xpath("//details[@id='closed-rooms']//li[h3='" + room + "']"
                    + "//summary[@aria-label='Visits: " + room + "']"));
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.xpath("//details[@id='closed-rooms']//li[h3='" + room
                    + "']//ul[@class='visit-people']")).getText(), text -> text.contains("Maria González (guest)"),
                    "the closed room's visit");
            ana.viewport(390, 844, true);
            ana.script("document.querySelector('#closed-rooms .visit-list').scrollIntoView({block: 'center'});");
            ana.screenshot("visit-history-closed-phone");
            assertEquals(List.of(), axe(ana), "a closed room's visits on a phone");
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
