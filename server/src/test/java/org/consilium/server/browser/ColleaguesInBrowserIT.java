package org.consilium.server.browser;

import static org.consilium.server.browser.Visits.inRoom;
import static org.consilium.server.browser.Visits.ownerJoins;
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
 * Colleagues and co-hosts (issue 20, item 4). Ana finds Ben by part of his name, invites him
 * from her room's entry, and Ben sees the room on his home page ("aortiz invited you", and
 * once Ana is in it, "In a call now"), without its visits or a way to close it. Ben joins
 * and waits (the lobby is on); from the call's host panel Ana makes him co-host, and he
 * comes in at once and gets the host panel; from the People list she takes it back, and he
 * stays in the call without it. A search too short, or for someone with no clinician role,
 * finds nobody; every change is audited. Screenshots at desktop and phone size, axe-core on each.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class ColleaguesInBrowserIT extends InTheBrowser {

    @Test
    void anInvitedColleagueSeesTheRoomJoinsAndIsMadeCoHostFromTheCallAndBackAgain() throws Exception {
        String room = "Tumor board " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser ana = new Browser(); Browser ben = new Browser()) {
            ben.signIn("bokafor", "consilium-demo"); // known to Consilium from now on: found by name
            ana.signIn("aortiz", "consilium-demo");
            ana.type("new-room-name", room);
            ana.click("new-room-button");
            long sequence = TestDatabase.lastAuditSequence();

            ana.clickWhenEnabled(inRoom(room, "summary[@aria-label='Colleagues and co-hosts: " + room + "']"));
            By search = inRoom(room, "input[@type='search']");
            By status = inRoom(room, "p[contains(@class,'colleague-status')]");
            ana.visible(search).sendKeys("o");
            ana.clickWhenEnabled(inRoom(room, "form[@role='search']//button"));
            assertEquals("Type at least 2 letters of your colleague's name.", ana.visible(status).getText());
            ana.visible(search).sendKeys("kafo"); // "okafo": part of Ben Okafor's surname
            ana.clickWhenEnabled(inRoom(room, "form[@role='search']//button"));
            Poll.until(Browser.PATIENCE, () -> ana.visible(status).getText(), "1 found."::equals, "Ben found by name");
            assertEquals("Ben Okafor (bokafor)",
                    ana.visible(inRoom(room, "ul[@class='colleague-results']/li/span")).getText());
            ana.screenshot("colleagues-found");
            assertEquals(List.of(), axe(ana), "a colleague found");
            ana.clickWhenEnabled(inRoom(room, "button[@aria-label='Invite: Ben Okafor']"));
            Poll.until(Browser.PATIENCE, () -> ana.visible(status).getText(), text -> text.startsWith("Ben Okafor is invited"),
                    "Ben invited");
            assertEquals("bokafor, invited", ana.visible(inRoom(room, "ul[@class='colleague-list']/li/span")).getText());

            // Someone in the directory without a clinician's role is not offered.
            ana.visible(search).clear();
            ana.visible(search).sendKeys("pdoe");
            ana.clickWhenEnabled(inRoom(room, "form[@role='search']//button"));
            Poll.until(Browser.PATIENCE, () -> ana.visible(status).getText(), text -> text.startsWith("Nobody of that name"),
                    "Pat Doe (no Consilium role) not offered");

            // Ben's home page lists the room, and nothing of it that is not his to see.
            ben.open("/");
            String facts = ben.visible(inRoom(room, "p[@class='hint']")).getText();
            assertTrue(facts.contains("aortiz invited you"), facts);
            assertEquals(0, ben.all(inRoom(room, "summary[starts-with(@aria-label,'Visits')]")).size(), "no visit history");
            assertEquals(0, ben.all(inRoom(room, "button[contains(@class,'danger')]")).size(), "no way to close it");
            String roomId = ben.visible(By.xpath("//li[@data-room][h3='" + room + "']")).getAttribute("data-room");
            assertEquals(403, DemoStaff.signedIn("bokafor").get("/api/rooms/" + roomId + "/visits").statusCode());

            // Ana is in the call: Ben's home page says so, and he joins (into the waiting room: it is on).
            ana.open("/");
            ownerJoins(ana, room);
            ben.open("/");
            assertEquals("In a call now: 1 person.", ben.visible(inRoom(room, "p[@class='in-call-now']")).getText());
            ben.script("document.querySelector('#room-list .in-call').scrollIntoView({block: 'center'});");
            ben.screenshot("colleagues-invited-home");
            assertEquals(List.of(), axe(ben), "an invited colleague's home page");
            ben.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
            ben.click("join-button");
            ben.visible("lobby");
            ana.visible(By.cssSelector("#lobby-queue button[aria-label='Let in Ben Okafor']"));

            // From the call's host panel, Ana makes him co-host: he comes in, with the host panel.
            ana.clickWhenEnabled(By.cssSelector("#colleagues-slot summary"));
            ana.clickWhenEnabled(By.cssSelector("#colleagues-slot .colleague-list button[aria-label='Make co-host: bokafor']"));
            ben.visible("call");
            ben.visible("host-panel");
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector("#people-list")).getText(),
                    text -> text.contains("Ben Okafor") && text.contains("host"), "Ben a host on Ana's list");
            ana.screenshot("colleagues-cohost-in-call");
            assertEquals(List.of(), axe(ana), "the host panel with colleagues");

            // From the People list she takes it back: he stays, without the host panel.
            ana.viewport(390, 844, true);
            ana.script("document.getElementById('people').scrollIntoView({block: 'center'});");
            ana.screenshot("colleagues-people-phone");
            assertEquals(List.of(), axe(ana), "the People list with a co-host button, on a phone");
            ana.clickWhenEnabled(By.cssSelector("#people-list button[aria-label='Remove co-host: Ben Okafor']"));
            Poll.until(Browser.PATIENCE, () -> ben.script("return document.getElementById('host-panel').hidden;"),
                    Boolean.TRUE::equals, "Ben without the host panel");
            ben.visible("call");
            Poll.until(Browser.PATIENCE, () -> ana.visible(By.cssSelector("#people-list button[aria-label='Make co-host: Ben Okafor']")) != null,
                    Boolean.TRUE::equals, "Ben staff again on Ana's list");

            List<String> audited = Poll.until(Browser.PATIENCE, () -> TestDatabase.auditAfter(sequence, "action", "target"),
                    events -> events.stream().anyMatch(e -> e.contains("room-host-removed")), "the changes audited");
            for (String action : List.of("colleagues-searched", "room-colleague-invited", "room-host-added", "room-host-removed")) {
                assertTrue(audited.stream().anyMatch(e -> e.contains(action) && (action.equals("colleagues-searched") || e.contains(roomId))),
                        action + " in " + audited);
            }
        }
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }
}
