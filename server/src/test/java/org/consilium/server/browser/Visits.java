package org.consilium.server.browser;

import java.util.Map;
import org.consilium.server.support.Poll;
import org.openqa.selenium.By;

/** Steps of a visit that the browser tests share: the clinician's room and guest link, a guest arriving, who one is. */
final class Visits {

    private Visits() {
    }

    /** Signs Ana in, creates the room on her home page and a guest link for it; returns the link. */
    static String createRoomAndInvitation(Browser ana, String room) throws InterruptedException {
        ana.signIn("aortiz", "consilium-demo");
        ana.type("new-room-name", room);
        ana.click("new-room-button");
        ana.clickWhenEnabled(inRoom(room, "summary"));
        ana.clickWhenEnabled(inRoom(room, "button[@type='submit']"));
        return ana.visible(inRoom(room, "input[contains(@class,'invitation-link')]")).getAttribute("value");
    }

    /** Ana opens her room's call and joins it from the preview (the owner goes straight in). */
    static void ownerJoins(Browser ana, String room) throws InterruptedException {
        ana.clickWhenEnabled(inRoom(room, "a[contains(@class,'join-room')]"));
        ana.click("join-button");
        ana.visible("call");
    }

    /** An element of the room's entry on the home page (XPath step below the entry). */
    static By inRoom(String room, String step) {
        return By.xpath("//li[@data-room][h3='" + room + "']//" + step);
    }

    /** The guest opens the link, gives a name and reaches the device preview. */
    static void guestReachesPreview(Browser guest, String link, String name) throws InterruptedException {
        guest.open(link);
        guest.type("display-name", name);
        guest.clickWhenEnabled(By.cssSelector("form.guest-join button[type=submit]"));
        guest.visible("join-button");
    }

    /** The guest opens the link, gives a name and asks to join (into the lobby). */
    static void guestJoins(Browser guest, String link, String name) throws InterruptedException {
        guestReachesPreview(guest, link, name);
        guest.click("join-button");
    }

    /** This page's participant id in the call. */
    @SuppressWarnings("unchecked")
    static String myId(Browser browser) throws InterruptedException {
        Map<String, Object> stats = Poll.until(Browser.PATIENCE, browser::callStats, s -> s.get("me") != null, "own id");
        return (String) ((Map<String, Object>) stats.get("me")).get("id");
    }

    /** Video frames this page has decoded from {@code participant} (its call stats). */
    static long framesFrom(Browser browser, String participant) {
        return received(browser.callStats(), participant, "frames");
    }

    /** A count ({@code frames}, {@code samples}) of what the page received from {@code participant}, in these stats. */
    @SuppressWarnings("unchecked")
    static long received(Map<String, Object> stats, String participant, String what) {
        Map<String, Object> received = (Map<String, Object>) stats.get("received");
        Map<String, Object> from = received == null ? null : (Map<String, Object>) received.get(participant);
        return from == null ? 0 : ((Number) from.get(what)).longValue();
    }
}
