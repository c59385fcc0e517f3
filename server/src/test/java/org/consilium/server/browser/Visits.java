package org.consilium.server.browser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consilium.server.support.Poll;
import org.consilium.server.support.TestDatabase;
import org.openqa.selenium.By;

/** Steps of a visit that the browser tests share: the clinician's room and guest link, a guest arriving, who one is. */
final class Visits {

    /** How long media may take to flow in these tests' browsers. */
    static final Duration MEDIA = Duration.ofSeconds(45);

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
        guest.click("privacy-acknowledged"); // the privacy notice, read
        guest.click("consent-accepted"); // the consent to treat, agreed to (REQUIREMENTS D5)
        guest.clickWhenEnabled(By.cssSelector("form.guest-join button[type=submit]"));
        guest.visible("join-button");
    }

    /** The guest opens the link, gives a name and asks to join (into the lobby). */
    static void guestJoins(Browser guest, String link, String name) throws InterruptedException {
        guestReachesPreview(guest, link, name);
        guest.click("join-button");
    }

    /** Ana and Maria in one call: their participant ids. */
    record InCall(String anaId, String mariaId) {
    }

    /**
     * Ana (signed in on her page) joins her room, Maria (a guest on hers) follows {@code link}
     * and is let in, and each decodes the other's video.
     */
    static InCall anaLetsMariaIn(Browser ana, Browser maria, String room, String link) throws InterruptedException {
        ownerJoins(ana, room);
        guestJoins(maria, link, "Maria González");
        ana.clickWhenEnabled(By.cssSelector("#lobby-queue button[aria-label='Let in Maria González']"));
        maria.visible("call");
        String anaId = myId(ana);
        String mariaId = myId(maria);
        Poll.until(MEDIA, () -> framesFrom(ana, mariaId), frames -> frames > 30, "Ana decoding Maria");
        Poll.until(MEDIA, () -> framesFrom(maria, anaId), frames -> frames > 30, "Maria decoding Ana");
        return new InCall(anaId, mariaId);
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

    /** When the page is back in its place on a new peer connection and decodes the other's video (nanoTime). */
    static long backAt(Browser browser, String from, String what) throws InterruptedException {
        try {
            Poll.until(MEDIA, () -> {
                Map<String, Object> stats = browser.callStats();
                return ((Number) stats.getOrDefault("reconnects", 0)).intValue() >= 1 && Visits.received(stats, from, "frames") > 0;
            }, Boolean::booleanValue, what);
        } catch (AssertionError notBack) {
            throw new AssertionError(notBack.getMessage() + "; the page says: " + browser.pageText()
                    + "; its stats: " + browser.callStats(), notBack);
        }
        return System.nanoTime();
    }

    /** The room's visits and stints as the database has them. */
    static List<String> visitOf(String roomId) throws Exception {
        try (Connection db = TestDatabase.asServer();
             PreparedStatement visits = db.prepareStatement("select count(*) filter (where v.ended_at is null),"
                     + " count(*) from visit v where v.room_id = ?::uuid");
             PreparedStatement stints = db.prepareStatement("select count(*) filter (where p.left_at is null), count(*)"
                     + " from visit_participant p join visit v on v.id = p.visit_id where v.room_id = ?::uuid")) {
            visits.setString(1, roomId);
            stints.setString(1, roomId);
            try (ResultSet v = visits.executeQuery(); ResultSet s = stints.executeQuery()) {
                v.next();
                s.next();
                return List.of(v.getLong(1) + " visit open" + (v.getLong(2) == v.getLong(1) ? "" : " of " + v.getLong(2)),
                        s.getLong(1) + " stints open" + (s.getLong(2) == s.getLong(1) ? "" : " of " + s.getLong(2)));
            }
        }
    }
}
