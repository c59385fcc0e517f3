package org.consilium.server.room;

import static org.consilium.server.room.Staff.createRoom;
import static org.consilium.server.room.Staff.object;
import static org.consilium.server.room.Staff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.GuestJoinForm;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guest invitations end to end: a host makes a link, a guest opens it without any
 * account, gives a name and waits for the host; a forged, expired, withdrawn, used-up or
 * closed-room link gets a page that says so in plain words, with 403 or 410, never a stack
 * trace, and each refusal is in the audit trail without the token.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class GuestInvitationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void aGuestOpensTheLinkGivesTheirNameAndWaitsForTheHost() throws Exception {
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Dermatology follow-up", "visit");
        long before = RoomDatabase.lastAuditSequence();

        HttpResponse<String> created = ana.postJson("/api/rooms/" + room + "/invitations", "{}");

        assertEquals(201, created.statusCode(), created.body());
        JsonObject invitation = object(created);
        String link = invitation.getString("link");
        assertTrue(link.startsWith("https://localhost:" + Ports.HTTPS + "/join/"), link);
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertTrue(token.matches("[A-Za-z0-9_-]{55}\\.[A-Za-z0-9_-]{43}"), token);
        assertEquals(room, invitation.getString("roomId"));
        assertFalse(invitation.getBoolean("singleUse"));
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(invitation.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofHours(23)) > 0 && lifetime.compareTo(Duration.ofHours(24)) <= 0, lifetime.toString());

        Browserless guest = new Browserless();
        HttpResponse<String> page = guest.get(path(link));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Join <span id=\"room-label\">Video visit</span>"), page.body());
        assertFalse(page.body().contains("Dermatology"), "a guest sees the room's label, never its name");
        assertTrue(page.body().contains("<label for=\"display-name\">Your name</label>"), page.body());
        assertFalse(page.body().contains("aortiz") || page.body().contains("Ana Ortiz"), "a guest sees nothing of the directory");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));

        HttpResponse<String> named = guest.postForm(path(link), GuestJoinForm.acknowledged(page.body(), "  Maria González "));
        assertEquals(303, named.statusCode(), named.body());
        assertEquals("/guest/waiting", URI.create(named.headers().firstValue("Location").orElseThrow()).getPath());
        HttpResponse<String> waiting = guest.get("/guest/waiting");
        assertEquals(200, waiting.statusCode(), waiting.body());
        assertTrue(waiting.body().contains("<strong id=\"guest-name\">Maria González</strong>"), waiting.body());
        assertTrue(waiting.body().contains("the host will let you in"), waiting.body());
        assertTrue(waiting.body().contains("Waiting room: Video visit"), waiting.body());
        assertFalse(waiting.body().contains("Dermatology"), waiting.body());

        assertEquals(401, guest.get("/api/me").statusCode(), "a guest is not a staff principal");
        assertEquals(401, guest.get("/api/rooms").statusCode());
        HttpResponse<String> home = guest.get("/");
        assertFalse(home.statusCode() == 200 && home.body().contains("Welcome"), "a guest does not reach staff pages");
        assertEquals(200, new Browserless().get(path(link)).statusCode(), "a link that is not single-use serves again");

        String id = invitation.getString("id");
        List<String> events = RoomDatabase.auditAfter(before);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("invitation-created aortiz success invitation:" + id + " ")
                && e.contains("\"room\":\"room:" + room + "\"") && e.contains("\"singleUse\":\"false\"")), events.toString());
        assertTrue(events.contains("invitation-redeemed guest:" + id + " success invitation:" + id
                + " {\"room\":\"room:" + room + "\",\"uses\":\"1\"}"), events.toString());
        assertFalse(events.toString().contains(token) || events.toString().contains(token.substring(0, 20)),
                "the token never reaches the trail");
        assertFalse(events.toString().contains("Maria"), "nor the guest's name");
    }

    @Test
    void aLinkWithOneCharacterChangedIsRefusedAsNotValid() throws Exception {
        String link = invite(signedIn("aortiz"), "{}");
        String token = path(link).substring("/join/".length());
        char last = token.charAt(10);
        String forged = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
        long before = RoomDatabase.lastAuditSequence();

        for (String attempt : List.of("/join/" + forged, "/join/not-a-token", "/join/", "/join/" + token + "x",
                "/join/" + "A".repeat(5000))) {
            HttpResponse<String> refused = new Browserless().get(attempt);
            assertRefused(403, "This invitation link is not valid", refused);
        }
        assertRefused(403, "This invitation link is not valid",
                new Browserless().postForm("/join/" + forged, Map.of("displayName", "Mallory")));
        assertTrue(RoomDatabase.auditAfter(before).contains("invitation-refused (anonymous) denied null {\"reason\":\"forged\"}"),
                RoomDatabase.auditAfter(before).toString());
    }

    @Test
    void anExpiredLinkIsRefusedAsExpired() throws Exception {
        Browserless ana = signedIn("aortiz");
        JsonObject invitation = object(ana.postJson("/api/rooms/" + createRoom(ana, "Expiring", "visit") + "/invitations",
                "{\"expiresInMinutes\":1}"));
        String link = invitation.getString("link");
        assertEquals(200, new Browserless().get(path(link)).statusCode());
        // The database's expiry is authoritative: moving it into the past is what a minute's wait would do.
        assertEquals(1, RoomDatabase.update("update invitation set expires_at = now() - interval '1 second' where id = ?",
                UUID.fromString(invitation.getString("id"))));
        long before = RoomDatabase.lastAuditSequence();

        assertRefused(410, "This invitation has expired", new Browserless().get(path(link)));
        assertRefused(410, "This invitation has expired", new Browserless().postForm(path(link), Map.of("displayName", "Maria")));
        String id = invitation.getString("id");
        assertTrue(RoomDatabase.auditAfter(before).stream().anyMatch(e -> e.startsWith(
                "invitation-refused guest:" + id + " denied invitation:" + id + " {\"reason\":\"expired\"")));
    }

    @Test
    void aRevokedLinkIsRefusedAsWithdrawn() throws Exception {
        Browserless ana = signedIn("aortiz");
        JsonObject invitation = object(ana.postJson("/api/rooms/" + createRoom(ana, "Withdrawn", "visit") + "/invitations", "{}"));
        String id = invitation.getString("id");
        long before = RoomDatabase.lastAuditSequence();

        assertEquals(403, signedIn("bokafor").delete("/api/invitations/" + id).statusCode(), "not his room");
        assertEquals(200, new Browserless().get(path(invitation.getString("link"))).statusCode());
        assertEquals(204, ana.delete("/api/invitations/" + id).statusCode());
        assertEquals(204, ana.delete("/api/invitations/" + id).statusCode(), "revoking twice changes nothing");

        assertRefused(410, "This invitation has been withdrawn", new Browserless().get(path(invitation.getString("link"))));
        List<String> events = RoomDatabase.auditAfter(before);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("access-denied bokafor denied invitation:" + id)), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("invitation-revoked aortiz success invitation:" + id)).count(),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("invitation-refused guest:" + id + " denied invitation:" + id
                + " {\"reason\":\"revoked\"")), events.toString());
    }

    @Test
    void aSingleUseLinkLetsOneGuestInAndIsRefusedAsUsedAfterwards() throws Exception {
        Browserless ana = signedIn("aortiz");
        JsonObject invitation = object(ana.postJson("/api/rooms/" + createRoom(ana, "Once only", "visit") + "/invitations",
                "{\"singleUse\":true,\"expiresInMinutes\":30}"));
        assertTrue(invitation.getBoolean("singleUse"));
        String link = path(invitation.getString("link"));
        Browserless first = new Browserless();
        Browserless second = new Browserless();
        HttpResponse<String> page = first.get(link);
        assertEquals(200, page.statusCode());
        assertEquals(200, second.get(link).statusCode(), "opening the page does not use the link");

        assertEquals(303, first.postForm(link, GuestJoinForm.acknowledged(page.body(), "Maria")).statusCode());

        assertRefused(410, "This invitation has already been used",
                second.postForm(link, GuestJoinForm.acknowledged(page.body(), "Someone else")));
        assertRefused(410, "This invitation has already been used", second.get(link));
        assertRefused(410, "This invitation has already been used", first.get(link));
        assertEquals(200, first.get("/guest/waiting").statusCode(), "the guest who used it still waits");
        assertEquals(403, second.get("/guest/waiting").statusCode());
    }

    @Test
    void aClosedRoomsLinksAreRefused() throws Exception {
        Browserless ana = signedIn("aortiz");
        String room = createRoom(ana, "Closing soon", "visit");
        String link = invite(ana, room, "{}");

        ana.delete("/api/rooms/" + room);

        assertRefused(410, "This room is closed", new Browserless().get(path(link)));
    }

    @Test
    void aNameThatWillNotDoIsAskedForAgainWithTheReasonAndUsesNothing() throws Exception {
        Browserless ana = signedIn("aortiz");
        String link = path(invite(ana, createRoom(ana, "Name check", "visit"), "{\"singleUse\":true}"));
        Browserless guest = new Browserless();

        HttpResponse<String> blank = guest.postForm(link, Map.of("displayName", "   "));
        assertEquals(400, blank.statusCode(), blank.body());
        assertTrue(blank.body().contains("role=\"alert\" id=\"name-error\">Your name must have 1 to 64 characters."), blank.body());
        assertTrue(blank.body().contains("aria-invalid=\"true\""), blank.body());
        HttpResponse<String> sneaky = guest.postForm(link, Map.of("displayName", "Maria\nAdmitted by host"));
        assertEquals(400, sneaky.statusCode());
        assertTrue(sneaky.body().contains("must not contain control"), sneaky.body());
        assertEquals(400, guest.postForm(link, Map.of("displayName", "M".repeat(65))).statusCode());
        assertEquals(400, guest.postForm(link, Map.of()).statusCode());

        assertEquals(303, guest.postForm(link, GuestJoinForm.acknowledged(guest.get(link).body(), "Maria")).statusCode(),
                "nothing was used up");
    }

    @Test
    void theWaitingRoomIsOnlyForGuestsWhoGaveTheirName() throws Exception {
        assertRefused(403, "No invitation opened", new Browserless().get("/guest/waiting"));
    }

    @Test
    void aSignedInStaffMemberOpeningAGuestLinkIsNotTurnedIntoAGuest() throws Exception {
        Browserless ana = signedIn("aortiz");
        String link = path(invite(ana, createRoom(ana, "Own link", "visit"), "{\"singleUse\":true}"));

        HttpResponse<String> own = ana.get(link);
        assertEquals(409, own.statusCode());
        assertTrue(own.body().contains("private browser window"), own.body());
        assertEquals(409, ana.postForm(link, Map.of("displayName", "Ana")).statusCode());
        assertEquals(200, new Browserless().get(link).statusCode(), "nothing was used up");
    }

    private static void assertRefused(int status, String title, HttpResponse<String> refused) {
        assertEquals(status, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("<h1 id=\"refusal-title\">" + title), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), refused.headers().toString());
        for (String internal : List.of("Exception", "at org.", "jakarta.", "Stack")) {
            assertFalse(refused.body().contains(internal), internal + " in " + refused.body());
        }
    }

    private static String invite(Browserless host, String body) throws Exception {
        return invite(host, createRoom(host, "Guest room", "visit"), body);
    }

    private static String invite(Browserless host, String room, String body) throws Exception {
        HttpResponse<String> created = host.postJson("/api/rooms/" + room + "/invitations", body);
        assertEquals(201, created.statusCode(), created.body());
        return object(created).getString("link");
    }

    /** The path of a link, to follow it with a test client. */
    private static String path(String link) {
        return URI.create(link).getRawPath();
    }
}
