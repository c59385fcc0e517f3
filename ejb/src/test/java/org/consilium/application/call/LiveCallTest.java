package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lobby, the call's rules and its visit record, against a real bridge on loopback; timers by hand. */
class LiveCallTest {

    private static final RoomId ROOM = new RoomId(UUID.fromString("0e9a3f52-7b1c-4f7e-9d55-1a2b3c4d5e6f"));
    private static final CallLimits LIMITS = new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12));

    private ExecutorService threads;
    private Videobridge bridge;
    private LiveCall call;
    private final List<String> events = new ArrayList<>();
    private final RecordedVisits visits = new RecordedVisits();
    private final ManualTimers timers = new ManualTimers();
    private final List<LiveCall> over = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), threads);
        call = call(4);
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        threads.shutdownNow();
    }

    @Test
    void withTheRoomsLobbyOffStaffEnterDirectlyAndGuestsStillWait() {
        call = call(3, false);
        Connection ownerLine = new Connection();
        Connection staffLine = new Connection();
        Connection guestLine = new Connection();
        Connection lateLine = new Connection();
        call.connect(member("o", "Ana", CallMember.Role.OWNER, ownerLine));
        call.connect(member("s", "Ben", CallMember.Role.STAFF, staffLine));
        call.connect(member("g", "Guest", CallMember.Role.GUEST, guestLine));
        assertEquals("joined", staffLine.types().get(0), "staff of the hospital enter: the lobby is off");
        assertEquals(List.of("lobby"), guestLine.types(), "guests wait, whatever the room says");
        call.connect(member("c", "Cal", CallMember.Role.STAFF, new Connection()));
        call.connect(member("late", "Late", CallMember.Role.STAFF, lateLine));
        assertEquals(List.of("lobby"), lateLine.types(), "a full call: staff wait in the lobby rather than being turned away");
        assertEquals(3, call.present().size());
    }

    @Test
    void guestsAreToldTheRoomsLabelNeverItsNameWhileStaffSeeTheName() {
        String name = "Follow-up J. Smith";
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        call = TestCalls.liveCall(new CallRoom(ROOM.toString(), name, "Dr. Ortiz's clinic", 4, true), LIMITS,
                bridge.conference(ROOM.toString()), new VisitRecord(ROOM, visits, Runnable::run),
                new CallServices(clock, new Recorded(), timers), over::add);
        Connection ownerLine = new Connection();
        Connection colleagueLine = new Connection();
        Connection guestLine = new Connection();
        CallMember owner = member("o", "Ana Ortiz", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        call.connect(member("s", "Ben Okafor", CallMember.Role.STAFF, colleagueLine));
        call.connect(member("g", "Maria", CallMember.Role.GUEST, guestLine));

        assertEquals("Dr. Ortiz's clinic", guestLine.last().getString("room"), "the lobby says the label");
        assertEquals(name, colleagueLine.last().getString("room"), "a colleague in the lobby sees the name");
        call.admit(owner, "g");
        assertEquals("Dr. Ortiz's clinic", guestLine.sent.stream().filter(m -> m.getString("type").equals("joined"))
                .findFirst().orElseThrow().getJsonObject("room").getString("name"));
        assertEquals(name, ownerLine.sent.get(0).getJsonObject("room").getString("name"), "the owner sees the name");
        call.chat(owner, "Welcome");
        call.closeForEveryone("The room was closed.", VisitEnd.ROOM_CLOSED);

        assertEquals("room-closed", guestLine.last().getString("type"));
        for (JsonObject message : guestLine.sent) {
            assertFalse(message.toString().contains("Smith") || message.toString().contains("Follow-up"),
                    "a guest never receives the room's name: " + message);
        }
    }

    @Test
    void hostsEnterOthersWaitAndTheHostSeesTheQueue() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana Ortiz", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        assertEquals(List.of("joined", "participants"), ownerLine.types());

        Connection guestLine = new Connection();
        CallMember guest = member("g", "Pat (guest)", CallMember.Role.GUEST, guestLine);
        call.connect(guest);
        assertEquals(List.of("lobby"), guestLine.types(), "the lobby hears about itself only");
        JsonObject queue = ownerLine.last();
        assertEquals("lobby-queue", queue.getString("type"));
        assertEquals("g", queue.getJsonArray("waiting").getJsonObject(0).getString("id"));
        assertThrows(CallRefused.class, () -> call.chat(guest, "hello"), "no chat from the lobby");

        call.admit(owner, "g");
        assertEquals("joined", guestLine.types().get(1));
        assertEquals(2, guestLine.last().getJsonArray("participants").size());
        assertTrue(bridge.conference(ROOM.toString()).endpoint("g").isPresent(), "admitted: a bridge endpoint");
        assertEquals(List.of("joined o", "admitted g by o", "joined g"), events);
    }

    @Test
    void onlyHostsAdmitDenyOrRemoveAndADeniedPersonIsToldAndDisconnected() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection staffLine = new Connection();
        CallMember colleague = member("s", "Ben", CallMember.Role.STAFF, staffLine);
        call.connect(colleague);
        Connection guestLine = new Connection();
        call.connect(member("g", "Guest", CallMember.Role.GUEST, guestLine));

        call.admit(owner, "s");
        CallRefused refused = assertThrows(CallRefused.class, () -> call.admit(colleague, "g"));
        assertEquals("forbidden", refused.code());
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.admit(owner, "nobody")).code());

        call.deny(owner, "g");
        assertEquals("denied", guestLine.last().getString("type"));
        assertEquals("denied", guestLine.closedWith);
        assertEquals(0, ownerLine.last().getJsonArray("waiting").size());
    }

    @Test
    void aLockedRoomTurnsNewcomersAwayAndLeavingExpiresTheEndpoint() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection guestLine = new Connection();
        CallMember guest = member("g", "Guest", CallMember.Role.GUEST, guestLine);
        call.connect(guest);
        call.admit(owner, "g");

        call.lock(owner, true);
        Connection lateLine = new Connection();
        call.connect(member("late", "Late", CallMember.Role.STAFF, lateLine));
        assertEquals("locked", lateLine.closedWith);

        call.disconnected(guest);
        assertFalse(bridge.conference(ROOM.toString()).endpoint("g").isPresent(), "the endpoint went with the connection");
        assertEquals(1, ownerLine.last().getJsonArray("participants").size());
        assertThrows(CallRefused.class, () -> call.chat(guest, "still here?"));
    }

    @Test
    void whatAPageShowsReachesItsBridgeEndpointAndTheLobbyCannotSayIt() {
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, new Connection());
        call.connect(owner);
        CallMember guest = member("g", "Guest", CallMember.Role.GUEST, new Connection());
        call.connect(guest);
        var constraints = new org.consilium.videobridge.allocation.ReceiverConstraints(16, 180, List.of("g/cam"), 720,
                java.util.Map.of("x/cam", 0));

        call.receiverConstraints(owner, constraints);

        assertEquals(constraints, bridge.conference(ROOM.toString()).endpoint("o").orElseThrow().receiverConstraints());
        assertEquals("forbidden", assertThrows(CallRefused.class, () -> call.receiverConstraints(guest, constraints)).code(),
                "from the lobby: not yet admitted");
    }

    @Test
    void anOfferIsAnsweredByTheBridgeAndABadOneChangesNothing() throws Exception {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection otherLine = new Connection();
        CallMember host = member("h", "Ben", CallMember.Role.HOST, otherLine);
        call.connect(host);

        String answer = call.offer(owner, chromiumOffer());
        assertTrue(answer.contains("a=ice-lite"), answer);
        assertEquals("renegotiate", otherLine.last().getString("type"), "the other browser makes room for the new sources");
        assertEquals(1, otherLine.last().getJsonObject("receiveSlots").getInt("video"));

        CallRefused bad = assertThrows(CallRefused.class, () -> call.offer(host, "v=0\r\nnonsense"));
        assertEquals("sdp", bad.code());
        assertEquals("renegotiate", otherLine.last().getString("type"), "nothing sent for the refused offer");
    }

    @Test
    void aNewcomerWhoseOfferHasNoReceiveSlotsIsAskedForThemOnce() throws Exception {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        call.offer(owner, chromiumOffer());
        Connection watcherLine = new Connection();
        CallMember watcher = member("w", "Ben", CallMember.Role.HOST, watcherLine);
        call.connect(watcher);
        // A browser without camera and microphone: sending sections with no sources, and its
        // receive slots turned off.
        String sendsNothing = chromiumOffer().replace("a=recvonly", "a=inactive").replaceAll("(?m)^a=(ssrc|ssrc-group|msid):.*\r?\n", "");

        call.offer(watcher, sendsNothing);
        JsonObject asked = watcherLine.last();
        assertEquals("renegotiate", asked.getString("type"), watcherLine.sent.toString());
        assertEquals(1, asked.getJsonObject("receiveSlots").getInt("video"), "a slot for Ana's camera");
        assertEquals(1, asked.getJsonObject("receiveSlots").getInt("audio"));

        int before = watcherLine.sent.size();
        call.offer(watcher, sendsNothing);
        assertEquals(before, watcherLine.sent.size(), "the same need is not asked for again (no offer loop)");
    }

    @Test
    void aScreenShareNamesItsSourceAndTheLockShowsInTheParticipantList() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);

        call.screenShare(owner, true, 3_000_000_000L);
        JsonObject sharing = ownerLine.last().getJsonArray("participants").getJsonObject(0);
        assertTrue(sharing.getBoolean("screenSharing"));
        assertEquals(3_000_000_000L, sharing.getJsonNumber("screenSource").longValue());

        call.screenShare(owner, false, 3_000_000_000L);
        JsonObject stopped = ownerLine.last().getJsonArray("participants").getJsonObject(0);
        assertFalse(stopped.containsKey("screenSource"), "no source once stopped");

        call.lock(owner, true);
        assertTrue(ownerLine.last().getBoolean("locked"));
    }

    @Test
    void aRaisedHandShowsInTheListInOrderAndOnlyItsOwnerOrAHostLowersIt() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection staffLine = new Connection();
        CallMember colleague = member("s", "Ben", CallMember.Role.STAFF, staffLine);
        call.connect(colleague);
        Connection guestLine = new Connection();
        CallMember guest = member("g", "Guest", CallMember.Role.GUEST, guestLine);
        call.connect(guest);
        call.admit(owner, "s");
        call.admit(owner, "g");

        JsonObject guestJoined = guestLine.sent.stream().filter(m -> m.getString("type").equals("joined")).findFirst().orElseThrow();
        assertEquals(ownerLine.sent.get(0).getJsonObject("room").getString("since"), guestJoined.getJsonObject("room").getString("since"),
                "everyone's timer counts from the visit's start");

        call.hand(guest, true, null);
        String firstUp = handOf(ownerLine.last(), "g");
        assertNotNull(firstUp, "the guest's hand up, with the time");
        int messages = ownerLine.sent.size();
        call.hand(guest, true, "g");
        assertEquals(messages, ownerLine.sent.size(), "raising it again changes nothing, and keeps its place");
        assertEquals("forbidden", assertThrows(CallRefused.class, () -> call.hand(owner, true, "s")).code(),
                "nobody raises another's hand");
        assertEquals("forbidden", assertThrows(CallRefused.class, () -> call.hand(colleague, false, "g")).code(),
                "a colleague who is no host lowers no one's");
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.hand(owner, false, "nobody")).code());
        assertEquals(firstUp, handOf(guestLine.last(), "g"));

        call.hand(owner, false, "g");
        assertNull(handOf(guestLine.last(), "g"), "a host lowered it; the guest sees so");
    }

    private static String handOf(JsonObject message, String id) {
        return message.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow().getString("handRaisedAt", null);
    }

    @Test
    void onlyAHostConfirmsAGuestsIdentityWhichEveryoneSeesAndTheVisitRecords() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        CallMember colleague = member("s", "Ben", CallMember.Role.STAFF, new Connection());
        call.connect(colleague);
        Connection guestLine = new Connection();
        CallMember guest = member("g", "Maria", CallMember.Role.GUEST, guestLine);
        call.connect(guest);
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.confirmIdentity(owner, "g", "photo-id")).code(),
                "nobody in the call by that id: the guest still waits");
        call.admit(owner, "s");
        call.admit(owner, "g");
        int writes = visits.writes.size();
        int messages = guestLine.sent.size();

        assertEquals("forbidden", assertThrows(CallRefused.class, () -> call.confirmIdentity(guest, "g", "photo-id")).code(),
                "a guest confirms nobody's identity, not even their own");
        assertEquals("forbidden", assertThrows(CallRefused.class,
                () -> call.confirmIdentity(colleague, "g", "photo-id")).code(), "a colleague who is no host neither");
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.confirmIdentity(owner, "g", "looked-ok")).code());
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.confirmIdentity(owner, "s", "photo-id")).code(),
                "staff are known by their sign-in");
        assertEquals("invalid", assertThrows(CallRefused.class, () -> call.confirmIdentity(owner, "nobody", "photo-id")).code());
        assertEquals(writes, visits.writes.size(), "nothing refused was recorded");
        assertEquals(messages, guestLine.sent.size(), "nor told");
        assertNull(identityOf(ownerLine, "g"));

        call.confirmIdentity(owner, "g", "two-identifiers");
        assertEquals("identity guest:g two-identifiers by o", visits.last());
        assertEquals("two-identifiers", identityOf(guestLine, "g"), "the guest sees it");
        assertEquals("two-identifiers", identityOf(ownerLine, "g"), "and the host");
        assertNull(identityOf(ownerLine, "s"));
    }

    private static String identityOf(Connection line, String id) {
        JsonObject message = line.sent.stream().filter(m -> m.getString("type").equals("participants"))
                .reduce((first, second) -> second).orElseThrow();
        return message.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow().getString("identityChecked", null);
    }

    @Test
    void chatGoesToEveryoneInTheCallAndHasLimits() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        call.chat(owner, "Good morning");
        assertEquals("Good morning", ownerLine.last().getString("text"));
        assertThrows(CallRefused.class, () -> call.chat(owner, " "));
        assertThrows(CallRefused.class, () -> call.chat(owner, "x".repeat(ChatText.MAX + 1)));
        String world = "\u00e9\u05e9\u05dc\u05d5\u05dd \ud83d\ude00";
        assertEquals(world, new ChatText(world).value(), "accents, right-to-left script and emoji are text");
        for (String hostile : new String[] {"bell\u0007", "esc\u001b[31m", "new\nline", "nul\u0000", "c1\u0085",
                "\u202eevil", "\u202aembed", "\u202doverride", "\u2066isolate", "\u2069pop"}) {
            CallRefused refused = assertThrows(CallRefused.class, () -> call.chat(owner, hostile), hostile);
            assertEquals("invalid", refused.code(), hostile);
        }
        assertEquals("Good morning", ownerLine.last().getString("text"), "nothing refused was relayed");
    }

    // --- the visit record ------------------------------------------------------------------

    @Test
    void theVisitStartsWithTheFirstPersonInRecordsEachStintAndEndsWhenTheRoomStaysEmpty() {
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, new Connection());
        CallMember colleague = member("s", "Ben", CallMember.Role.STAFF, new Connection());
        CallMember guest = member("g", "Pat", CallMember.Role.GUEST, new Connection());
        call.connect(guest);
        assertEquals(List.of(), visits.writes, "nobody in yet: the lobby is not a visit");

        call.connect(owner);
        call.connect(colleague);
        call.admit(owner, "s");
        call.admit(owner, "g");
        call.disconnected(guest);
        call.disconnected(colleague);
        call.disconnected(owner);
        assertEquals(List.of("end-interrupted", "start o", "join o OWNER", "join s PARTICIPANT", "join guest:g GUEST",
                "leave guest:g", "leave s", "leave o"), visits.writes);
        assertTrue(visits.sameVisitThroughout(), visits.visitIds.toString());
        assertTrue(call.visitOpen(), "empty, but the visit waits for someone to come back");
        assertFalse(call.isOver());

        timers.fire(LIMITS.emptyRoomTimeout());
        assertEquals("end empty", visits.last());
        assertTrue(call.isOver(), "nobody connected, no visit: the call is over");
        assertEquals(List.of(call), over, "and says so, once");
        assertFalse(call.connect(member("late", "Late", CallMember.Role.OWNER, new Connection())),
                "an ended call takes nobody: the registry starts the room's next one");
    }

    @Test
    void comingBackBeforeTheEmptyRoomTimeoutContinuesTheSameVisit() {
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, new Connection());
        call.connect(owner);
        call.disconnected(owner);
        ManualTimers.Pending firstTimer = timers.pending(LIMITS.emptyRoomTimeout());

        call.connect(member("o2", "o", "Ana", CallMember.Role.OWNER, new Connection()));
        firstTimer.task.run(); // a timer that fires after it was cancelled does nothing
        assertTrue(firstTimer.cancelled);
        assertEquals(List.of("end-interrupted", "start o", "join o OWNER", "leave o", "join o OWNER"), visits.writes);
        assertTrue(visits.sameVisitThroughout(), "one visit, two stints");
        assertTrue(call.visitOpen());
    }

    @Test
    void theMaximumLengthClosesTheCallForEveryoneLobbyIncluded() {
        Connection ownerLine = new Connection();
        Connection guestLine = new Connection();
        call.connect(member("o", "Ana", CallMember.Role.OWNER, ownerLine));
        call.connect(member("g", "Pat", CallMember.Role.GUEST, guestLine));

        timers.fire(LIMITS.maxVisitLength());

        for (Connection line : List.of(ownerLine, guestLine)) {
            assertEquals("room-closed", line.last().getString("type"));
            assertEquals("This visit reached its maximum length of 12 hours.", line.last().getString("reason"));
            assertEquals("room-closed", line.closedWith);
        }
        assertEquals(List.of("leave o", "end max-length"), visits.writes.subList(3, 5));
        assertTrue(call.isOver());
        assertTrue(timers.pending(LIMITS.emptyRoomTimeout()) == null || timers.pending(LIMITS.emptyRoomTimeout()).cancelled);
    }

    @Test
    void theSamePersonAgainTakesOverTheirPlaceAndTheStintGoesOn() {
        Connection firstTab = new Connection();
        CallMember first = member("o", "Ana", CallMember.Role.OWNER, firstTab);
        call.connect(first);
        Connection guestLine = new Connection();
        call.connect(member("g", "Pat", CallMember.Role.GUEST, guestLine));
        call.admit(first, "g");

        Connection secondTab = new Connection();
        CallMember second = member("o-again", "o", "Ana", CallMember.Role.OWNER, secondTab);
        call.connect(second);

        assertEquals("removed", firstTab.last().getString("type"));
        assertEquals("You joined this call from another window.", firstTab.last().getString("reason"));
        assertEquals("replaced", firstTab.closedWith);
        assertEquals("joined", secondTab.types().get(0));
        assertEquals(List.of("o-again", "g"), call.present().stream().map(CallMember::id).toList());
        assertFalse(bridge.conference(ROOM.toString()).endpoint("o").isPresent());
        assertTrue(bridge.conference(ROOM.toString()).endpoint("o-again").isPresent());
        assertEquals(List.of("end-interrupted", "start o", "join o OWNER", "join guest:g GUEST"), visits.writes,
                "the same stint: neither a leave nor a join");

        call.disconnected(first); // the old connection's close arrives late
        assertEquals(2, call.present().size(), "and changes nothing");
        assertThrows(CallRefused.class, () -> call.chat(first, "the old tab is out"));
        call.chat(second, "the new one is in");
        assertEquals("chat", guestLine.last().getString("type"));
    }

    @Test
    void aGuestWhoReconnectsFromTheLobbyWaitsOnOnce() {
        Connection ownerLine = new Connection();
        call.connect(member("o", "Ana", CallMember.Role.OWNER, ownerLine));
        Connection oldLine = new Connection();
        call.connect(guest("g1", "browser-1", "Pat", oldLine));
        call.connect(guest("g2", "browser-1", "Pat", new Connection()));

        assertEquals("replaced", oldLine.closedWith);
        var waiting = ownerLine.last().getJsonArray("waiting");
        assertEquals(1, waiting.size());
        assertEquals("g2", waiting.getJsonObject(0).getString("id"));
    }

    @Test
    void anotherGuestOnTheSameInvitationIsAnotherPersonAndWaitsInTheLobby() {
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, new Connection());
        call.connect(owner);
        Connection mariaLine = new Connection();
        call.connect(guest("maria", "browser-1", "Maria", mariaLine));
        call.admit(owner, "maria");

        Connection carlLine = new Connection();
        call.connect(guest("carl", "browser-2", "Carl", carlLine));

        assertEquals(List.of("lobby"), carlLine.types(), "no way into the call past the lobby");
        assertEquals(null, mariaLine.closedWith);
        assertEquals(List.of("o", "maria"), call.present().stream().map(CallMember::id).toList());
    }

    @Test
    void closingTheRoomEndsTheCallAndTheVisitOnce() {
        Connection ownerLine = new Connection();
        Connection waitingLine = new Connection();
        call.connect(member("o", "Ana", CallMember.Role.OWNER, ownerLine));
        call.connect(member("g", "Pat", CallMember.Role.GUEST, waitingLine));

        call.closeForEveryone("The room was closed.", VisitEnd.ROOM_CLOSED);
        call.closeForEveryone("The room was closed.", VisitEnd.ROOM_CLOSED);

        assertEquals("The room was closed.", ownerLine.last().getString("reason"));
        assertEquals("room-closed", waitingLine.last().getString("type"));
        assertEquals(1, visits.writes.stream().filter(w -> w.startsWith("end ")).count());
        assertEquals(List.of(call), over);
        assertFalse(bridge.conference(ROOM.toString()).endpoint("o").isPresent());
    }

    @Test
    void aStoppingServerDisconnectsEveryoneAndLeavesTheVisitForTheNextStartToEnd() {
        Connection ownerLine = new Connection();
        call.connect(member("o", "Ana", CallMember.Role.OWNER, ownerLine));

        call.serverStopping();

        assertEquals("The server is shutting down.", ownerLine.last().getString("reason"));
        assertEquals("room-closed", ownerLine.closedWith);
        assertEquals("leave o", visits.last(), "no end: the stopping server's audit trail takes no more events");
        assertTrue(timers.pending(LIMITS.maxVisitLength()).cancelled);
        assertFalse(call.connect(member("late", "Late", CallMember.Role.OWNER, new Connection())));
    }

    @Test
    void signingOutEndsTheCallForThatPersonOnly() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection hostLine = new Connection();
        call.connect(member("h", "Ben", CallMember.Role.HOST, hostLine));

        call.endFor(owner, "You signed out.");

        assertEquals("removed", ownerLine.last().getString("type"));
        assertEquals("You signed out.", ownerLine.last().getString("reason"));
        assertEquals(1, hostLine.last().getJsonArray("participants").size());
        assertEquals("leave o", visits.last());
    }

    @Test
    void aFullCallTurnsAnotherHostAwayAndAdmitsNobodyMore() {
        call = call(2);
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, new Connection());
        call.connect(owner);
        call.connect(member("h", "Ben", CallMember.Role.HOST, new Connection()));
        Connection thirdHost = new Connection();
        call.connect(member("h2", "Cy", CallMember.Role.HOST, thirdHost));
        call.connect(member("g", "Pat", CallMember.Role.GUEST, new Connection()));

        assertEquals("denied", thirdHost.last().getString("type"));
        assertEquals("full", thirdHost.closedWith);
        assertEquals("full", assertThrows(CallRefused.class, () -> call.admit(owner, "g")).code());
    }

    @Test
    void aVisitWriteThatFailsLeavesTheCallAsItWas() {
        visits.failing = true;
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        call.chat(owner, "still fine");
        assertEquals("chat", ownerLine.last().getString("type"));
        assertEquals(1, call.present().size());
    }

    @Test
    void lengthsAreSpokenInTheirLargestWholeUnit() {
        assertEquals("12 hours", CallLimits.spoken(Duration.ofHours(12)));
        assertEquals("1 minute", CallLimits.spoken(Duration.ofMinutes(1)));
        assertEquals("90 minutes", CallLimits.spoken(Duration.ofMinutes(90)));
        assertEquals("3 seconds", CallLimits.spoken(Duration.ofSeconds(3)));
    }

    @Test
    void aMemberWhoseEndpointWentWithAnotherNodesBridgeIsToldToConnectAgain() throws Exception {
        try (Videobridge other = Videobridge.start(BridgeConfig.loopback(), threads)) {
            InProcessBridges remote = new InProcessBridges(new CascadeHost(() -> other, (owner, room, news) -> { }));
            Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
            call = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Grand rounds", 4, true), LIMITS, Duration.ZERO,
                    new CascadedCallMedia(ROOM.toString(), bridge.conference(ROOM.toString()), remote,
                            here -> here >= 1 ? java.util.Optional.of("node-2") : java.util.Optional.empty()),
                    new VisitRecord(ROOM, visits, Runnable::run), new CallServices(clock, new Recorded(), timers), over::add);
            Connection ownerLine = new Connection();
            Connection hostLine = new Connection();
            CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
            CallMember host = member("h", "Ben", CallMember.Role.HOST, hostLine);
            call.connect(owner);
            call.connect(host); // on node 2's bridge
            assertTrue(other.findConference(ROOM.toString()).orElseThrow().endpoint("h").isPresent());

            remote.reachable = false; // node 2 died
            assertThrows(CallRefused.class, () -> call.offer(host, chromiumOffer()));

            assertEquals("moved", hostLine.closedWith, "Ben's page connects again, to a new endpoint");
            assertTrue(hostLine.toReconnect, "as a drop: his place is held, not left");
            assertNull(ownerLine.closedWith, "Ana's media was here: nothing changes for her");
        }
    }

    // --- fixtures --------------------------------------------------------------------------

    @Test
    void theOwnerMakesAColleagueCoHostWhoThenRunsTheCallAndOneWaitingComesIn() {
        List<String> named = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        call = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Cardiology 7", 4, true), LIMITS,
                bridge.conference(ROOM.toString()), new VisitRecord(ROOM, visits, Runnable::run),
                new CallServices(clock, new Recorded(), timers, CallRecorders.NONE,
                        (room, owner, username, host) -> named.add(owner.principal() + (host ? " names " : " unnames ") + username)),
                over::add);
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        Connection benLine = new Connection();
        CallMember ben = member("s", "ben", "Ben", CallMember.Role.STAFF, benLine);
        call.connect(ben);
        Connection guestLine = new Connection();
        CallMember guest = member("g", "Guest", CallMember.Role.GUEST, guestLine);
        call.connect(guest);
        call.admit(owner, "g");

        CallRefused notAHost = assertThrows(CallRefused.class, () -> call.nameHost(owner, "g", true));
        assertEquals("invalid", notAHost.code(), "a guest cannot host: hosts are staff");
        call.nameHost(owner, "s", true);
        assertEquals(List.of("o names ben"), named, "the room's record is asked, for the waiting colleague too");
        assertEquals(List.of("lobby"), benLine.types(), "nothing changes before the record does");

        call.hostsChanged("ben", true);
        assertEquals(CallMember.Role.HOST, ben.role());
        assertTrue(ben.admitted(), "a host does not wait in the lobby");
        assertEquals("host", roleOf(ownerLine.last(), "s"), "everyone sees Ben as a host");
        assertThrows(CallRefused.class, () -> call.nameHost(ben, "o", false), "a host does not name hosts: the owner does");
        call.remove(ben, "g");
        assertTrue(guestLine.types().contains("removed"), "the co-host acts as a host: " + guestLine.types());

        call.hostsChanged("ben", false);
        assertEquals(CallMember.Role.STAFF, ben.role());
        assertTrue(ben.admitted(), "no longer a host, still in the call");
        assertEquals("staff", roleOf(ownerLine.last(), "s"));
        int sent = ownerLine.sent.size();
        call.hostsChanged("ben", false);
        assertEquals(sent, ownerLine.sent.size(), "a change that changes nothing tells nobody");
    }

    private static String roleOf(JsonObject participants, String id) {
        return participants.getJsonArray("participants").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow().getString("role");
    }

    private LiveCall call(int places) {
        return call(places, true);
    }

    private LiveCall call(int places, boolean lobbyEnabled) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        return TestCalls.liveCall(new CallRoom(ROOM.toString(), "Cardiology 7", places, lobbyEnabled), LIMITS,
                bridge.conference(ROOM.toString()), new VisitRecord(ROOM, visits, Runnable::run),
                new CallServices(clock, new Recorded(), timers), over::add);
    }

    private static CallMember member(String id, String name, CallMember.Role role, Connection line) {
        return member(id, role == CallMember.Role.GUEST ? "guest:" + id : id, name, role, line);
    }

    private static CallMember member(String id, String principal, String name, CallMember.Role role, Connection line) {
        return new CallMember(id, principal, name, role, line);
    }

    /** A guest of the one invitation {@code guest:inv}, in the browser (HTTP session) {@code browser}. */
    private static CallMember guest(String id, String browser, String name, Connection line) {
        return new CallMember(id, "guest:inv", "guest:inv " + browser, name, CallMember.Role.GUEST, line, List.of(), null);
    }

    private static String chromiumOffer() throws Exception {
        try (InputStream in = LiveCallTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A connection that keeps what it was sent. */
    private static final class Connection implements CallConnection {
        final List<JsonObject> sent = new ArrayList<>();
        String closedWith;

        @Override
        public void send(JsonObject message) {
            sent.add(message);
        }

        boolean toReconnect;

        @Override
        public void close(String reason) {
            closedWith = reason;
        }

        @Override
        public void closeToReconnect(String reason) {
            closedWith = reason;
            toReconnect = true;
        }

        JsonObject last() {
            return sent.get(sent.size() - 1);
        }

        List<String> types() {
            return sent.stream().map(m -> m.getString("type")).toList();
        }
    }

    /** The visit writes, as text; {@code failing} makes every write throw, as a database that is away would. */
    private static final class RecordedVisits implements VisitStore {
        final List<String> writes = new ArrayList<>();
        final List<VisitId> visitIds = new ArrayList<>();
        boolean failing;

        @Override
        public void identityConfirmed(VisitId visit, CallMember host, CallMember guest,
                                      org.consilium.domain.room.IdentityMethod method, Instant at) {
            write("identity " + guest.principal() + " " + method.code() + " by " + host.principal(), visit);
        }

        @Override
        public void endInterrupted(RoomId room) {
            write("end-interrupted", null);
        }

        @Override
        public void start(VisitId visit, RoomId room, Instant at, CallMember first) {
            write("start " + first.principal(), visit);
        }

        @Override
        public void join(VisitId visit, CallMember member, Instant at) {
            write("join " + member.principal() + " " + member.role().visitRole(), visit);
        }

        @Override
        public void leave(VisitId visit, CallMember member, Instant at) {
            write("leave " + member.principal(), visit);
        }

        @Override
        public void end(VisitId visit, Instant at, VisitEnd reason) {
            write("end " + reason.code(), visit);
        }

        @Override
        public void modality(VisitId visit, CallMember member, org.consilium.domain.room.Modality modality, Instant at) {
            write("modality " + member.principal() + " " + modality.code(), visit);
        }

        private void write(String what, VisitId visit) {
            if (failing) {
                throw new IllegalStateException("the database is away");
            }
            writes.add(what);
            if (visit != null) {
                visitIds.add(visit);
            }
        }

        String last() {
            return writes.get(writes.size() - 1);
        }

        boolean sameVisitThroughout() {
            return visitIds.stream().distinct().count() == 1;
        }
    }

    /** Timers that run when the test says so. */
    private static final class ManualTimers implements CallTimers {
        static final class Pending {
            final Duration delay;
            final Runnable task;
            boolean cancelled;

            Pending(Duration delay, Runnable task) {
                this.delay = delay;
                this.task = task;
            }
        }

        final List<Pending> scheduled = new ArrayList<>();

        @Override
        public Timer after(Duration delay, Runnable task) {
            Pending pending = new Pending(delay, task);
            scheduled.add(pending);
            return () -> pending.cancelled = true;
        }

        /** The latest timer of that delay, or null. */
        Pending pending(Duration delay) {
            for (int i = scheduled.size() - 1; i >= 0; i--) {
                if (scheduled.get(i).delay.equals(delay)) {
                    return scheduled.get(i);
                }
            }
            return null;
        }

        /** Runs the latest timer of that delay, as its time has come (it must not have been cancelled). */
        void fire(Duration delay) {
            Pending pending = pending(delay);
            assertTrue(pending != null && !pending.cancelled, "a pending " + delay + " timer");
            pending.task.run();
        }
    }

    private final class Recorded implements CallEvents {
        @Override
        public void joined(LiveCall call, CallMember member) {
            events.add("joined " + member.id());
        }

        @Override
        public void left(LiveCall call, CallMember member) {
            events.add("left " + member.id());
        }

        @Override
        public void admitted(LiveCall call, CallMember host, CallMember member) {
            events.add("admitted " + member.id() + " by " + host.id());
        }

        @Override
        public void denied(LiveCall call, CallMember host, CallMember member) {
            events.add("denied " + member.id());
        }

        @Override
        public void removed(LiveCall call, CallMember host, CallMember member) {
            events.add("removed " + member.id());
        }

        @Override
        public void locked(LiveCall call, CallMember host, boolean locked) {
            events.add("locked " + locked);
        }

        @Override
        public void screenShare(LiveCall call, CallMember member, boolean active) {
            events.add("screen " + active);
        }
    }
}
