package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dropped connection in a live call: the place is held for the grace period (marked
 * reconnecting, same endpoint, same stint), taken back by the same person with the tab's
 * secret, or given up when the period passes. Against a real bridge on loopback; clock and
 * timers by hand.
 */
class ReconnectInCallTest {

    private static final RoomId ROOM = new RoomId(UUID.fromString("5b0c7a1e-2f3d-4c6b-8e9a-0d1c2b3a4f5e"));
    private static final CallLimits LIMITS = new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12));
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-12-06T17:00:00Z");

    private ExecutorService threads;
    private Videobridge bridge;
    private Conference conference;
    private final HandClock clock = new HandClock(START);
    private final List<String> visitWrites = new ArrayList<>();
    private final List<Pending> timers = new ArrayList<>();
    private final List<LiveCall> over = new ArrayList<>();
    private LiveCall call;
    private final Line ownerLine = new Line();
    private CallMember owner;

    @BeforeEach
    void ownerInTheCall() throws Exception {
        threads = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), threads);
        conference = bridge.conference(ROOM.toString());
        call = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, GRACE, conference,
                new VisitRecord(ROOM, new Visits(), Runnable::run), new CallServices(clock, new NoEvents(), this::after),
                over::add);
        owner = member("o", "ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        threads.shutdownNow();
    }

    @Test
    void aDroppedGuestIsShownReconnectingAndTakesThePlaceBackWithoutTheLobbyInTheSameStint() {
        Line guestLine = new Line();
        CallMember guest = guest("g", "browser-1", guestLine);
        call.connect(guest);
        call.admit(owner, "g");
        String secret = guestLine.lastOf("joined").getString("resume");
        Endpoint endpoint = conference.endpoint("g").orElseThrow();
        List<String> writesBefore = List.copyOf(visitWrites);
        clock.advance(Duration.ofSeconds(1));

        call.dropped(guest);

        JsonObject seen = ownerLine.lastOf("participants");
        assertTrue(participant(seen, "g").getBoolean("reconnecting"), seen.toString());
        assertFalse(participant(seen, "o").containsKey("reconnecting"));
        assertSame(endpoint, conference.endpoint("g").orElseThrow(), "the endpoint is kept");
        assertEquals(2, call.present().size());

        clock.advance(Duration.ofSeconds(20));
        Line backLine = new Line();
        CallMember back = call.connect(guest("g-new", "browser-1", backLine), secret, true).orElseThrow();

        assertEquals("g", back.id(), "the place's id: the others' tile and the endpoint's name");
        assertEquals(List.of("joined", "participants"), backLine.types(), "no lobby");
        assertNotEquals(secret, backLine.lastOf("joined").getString("resume"), "a new secret for the next drop");
        assertSame(endpoint, conference.endpoint("g").orElseThrow(), "the same endpoint: its DTLS association goes on");
        assertFalse(participant(ownerLine.lastOf("participants"), "g").containsKey("reconnecting"));
        assertEquals(writesBefore, visitWrites, "the same stint: neither a leave nor a join");
        assertTrue(timers.get(timers.size() - 1).cancelled, "the grace timer stopped");
        call.chat(back, "back again");
        assertEquals("chat", ownerLine.last().getString("type"));
    }

    @Test
    void aTabThatNoticedTheDropFirstTakesThePlaceFromItsOldConnection() {
        Line staffLine = new Line();
        CallMember ben = member("b", "ben", CallMember.Role.HOST, staffLine);
        call.connect(ben);
        Endpoint endpoint = conference.endpoint("b").orElseThrow();

        CallMember back = call.connect(member("b2", "ben", CallMember.Role.HOST, new Line()),
                staffLine.lastOf("joined").getString("resume"), true).orElseThrow();
        call.dropped(ben); // the old connection's close, as the server finally sees it

        assertEquals("resumed", staffLine.closedWith);
        assertEquals("b", back.id());
        assertSame(endpoint, conference.endpoint("b").orElseThrow());
        assertEquals(2, call.present().size());
        assertTrue(timers.stream().noneMatch(t -> t.delay.equals(GRACE)), "nothing held");
    }

    @Test
    void afterTheGracePeriodTheyLeaveAsOfTheDropAndTheEndpointGoes() {
        Line staffLine = new Line();
        CallMember ben = member("b", "ben", CallMember.Role.HOST, staffLine);
        call.connect(ben);
        clock.advance(Duration.ofSeconds(5));
        Instant droppedAt = clock.instant();
        call.dropped(ben);
        clock.advance(GRACE);

        pending(GRACE).task.run();

        assertEquals("leave ben at " + droppedAt, visitWrites.get(visitWrites.size() - 1));
        assertFalse(conference.endpoint("b").isPresent());
        assertEquals(1, ownerLine.lastOf("participants").getJsonArray("participants").size());
        String secret = staffLine.lastOf("joined").getString("resume");
        Line lateLine = new Line();
        CallMember late = call.connect(member("b2", "ben", CallMember.Role.HOST, lateLine), secret, true).orElseThrow();
        assertEquals("b2", late.id(), "too late: a new place (hosts enter by right), a new stint");
        assertEquals("join ben HOST at " + clock.instant(), visitWrites.get(visitWrites.size() - 1));
    }

    @Test
    void anotherPersonWithTheSecretGetsNoPlaceAndTheHoldStays() {
        Line guestLine = new Line();
        CallMember guest = guest("g", "browser-1", guestLine);
        call.connect(guest);
        call.admit(owner, "g");
        String secret = guestLine.lastOf("joined").getString("resume");
        call.dropped(guest);

        Line strangerLine = new Line();
        CallMember stranger = call.connect(guest("x", "browser-2", strangerLine), secret, true).orElseThrow();

        assertEquals("x", stranger.id());
        assertEquals(List.of("lobby"), strangerLine.types(), "another browser on the invitation waits like anyone");
        assertTrue(participant(ownerLine.lastOf("participants"), "g").getBoolean("reconnecting"));
        assertFalse(pending(GRACE).cancelled);
    }

    @Test
    void aPageReloadTakesThePlaceBackWithANewEndpointForItsNewPeerConnection() {
        Line guestLine = new Line();
        CallMember guest = guest("g", "browser-1", guestLine);
        call.connect(guest);
        call.admit(owner, "g");
        Endpoint before = conference.endpoint("g").orElseThrow();
        call.dropped(guest);

        call.connect(guest("g-new", "browser-1", new Line()), guestLine.lastOf("joined").getString("resume"), false);

        Endpoint after = conference.endpoint("g").orElseThrow();
        assertNotSame(before, after);
        assertEquals(2, call.present().size());
    }

    @Test
    void aSignalingDropThenAnIceRestartOnTheKeptEndpointIsAnswered() throws Exception {
        Line staffLine = new Line();
        CallMember ben = member("b", "ben", CallMember.Role.HOST, staffLine);
        call.connect(ben);
        String firstAnswer = call.offer(ben, chromiumOffer("aaaa", "a".repeat(24)));
        call.dropped(ben);

        CallMember back = call.connect(member("b2", "ben", CallMember.Role.HOST, new Line()),
                staffLine.lastOf("joined").getString("resume"), true).orElseThrow();
        String restartAnswer = call.offer(back, chromiumOffer("bbbb", "b".repeat(24)));

        assertNotEquals(ufrag(firstAnswer), ufrag(restartAnswer), "new ICE credentials for the restart");
    }

    @Test
    void aLeaveIsNotHeldAndNeitherIsSomeoneInTheLobby() {
        Line guestLine = new Line();
        CallMember waiting = guest("g", "browser-1", guestLine);
        call.connect(waiting);
        call.dropped(waiting);
        assertEquals(0, ownerLine.lastOf("lobby-queue").getJsonArray("waiting").size(), "the lobby: gone at once");

        CallMember ben = member("b", "ben", CallMember.Role.HOST, new Line());
        call.connect(ben);
        call.disconnected(ben);
        assertFalse(conference.endpoint("b").isPresent(), "a leave: gone at once");
        assertTrue(timers.stream().noneMatch(t -> t.delay.equals(GRACE)));
    }

    @Test
    void aHeldPlaceCountsAsTakenAndKeepsTheRoomFromBeingEmpty() {
        call.connect(member("b", "ben", CallMember.Role.HOST, new Line()));
        CallMember cal = member("c", "cal", CallMember.Role.HOST, new Line());
        call.connect(cal);
        call.dropped(owner);
        call.dropped(cal);

        Line lateLine = new Line();
        call.connect(member("d", "dora", CallMember.Role.HOST, lateLine));
        assertEquals("full", lateLine.closedWith, "three places, one held: full");

        call.disconnected(call.present().stream().filter(m -> m.id().equals("b")).findFirst().orElseThrow());
        assertTrue(timers.stream().noneMatch(t -> t.delay.equals(LIMITS.emptyRoomTimeout())),
                "people are held: the room is not empty yet");
        timers.stream().filter(t -> t.delay.equals(GRACE)).toList().forEach(t -> t.task.run());
        assertTrue(call.present().isEmpty());
        assertTrue(pending(LIMITS.emptyRoomTimeout()) != null, "now it is");
    }

    @Test
    void removingAHeldParticipantEndsTheHold() {
        Line staffLine = new Line();
        CallMember ben = member("b", "ben", CallMember.Role.HOST, staffLine);
        call.connect(ben);
        call.dropped(ben);

        call.remove(owner, "b");

        assertTrue(pending(GRACE).cancelled);
        assertFalse(conference.endpoint("b").isPresent());
        Line backLine = new Line();
        CallMember back = call.connect(member("b2", "ben", CallMember.Role.HOST, backLine),
                staffLine.lastOf("joined").getString("resume"), true).orElseThrow();
        assertEquals("b2", back.id(), "the secret went with the place");
    }

    // --- failover: another node takes the call over --------------------------------------

    @Test
    void aNodeTakingTheCallOverHoldsEveryPlaceWithoutLobbyOrNewStintAndTheTabsComeBackBySecretWithNewMedia()
            throws Exception {
        Line guestLine = new Line();
        call.connect(guest("g", "browser-1", guestLine));
        call.admit(owner, "g");
        call.mute(call.present().get(1), true, false);
        String guestSecret = guestLine.lastOf("joined").getString("resume");
        String ownerSecret = ownerLine.lastOf("joined").getString("resume");
        CallSnapshot copy = call.snapshot("node-a").orElseThrow();
        assertEquals(2, copy.members().size());
        assertTrue(copy.members().stream().noneMatch(m -> m.resumeHash().contains(guestSecret)), "hashes only");
        List<String> writesBefore = List.copyOf(visitWrites);
        clock.advance(Duration.ofMinutes(30));

        Conference elsewhere = bridge.conference(ROOM + "-b");
        LiveCall takenOver = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, GRACE, elsewhere,
                new VisitRecord(ROOM, new Visits(), Runnable::run), new CallServices(clock, new NoEvents(), this::after),
                over::add);
        takenOver.adopt(copy.ownedBy("node-b"));

        assertEquals(2, takenOver.present().size(), "everyone keeps their place");
        assertTrue(takenOver.present().stream().allMatch(CallMember::reconnecting));
        assertTrue(takenOver.present().get(1).audioMuted(), "as they were");
        assertEquals(LIMITS.maxVisitLength().minusMinutes(30), pending(LIMITS.maxVisitLength().minusMinutes(30)).delay,
                "the visit's length counts from its start on the node that died");
        assertTrue(takenOver.resumeWithoutSession("not-the-secret", new Line()).isEmpty());

        Line backLine = new Line();
        CallMember back = takenOver.resumeWithoutSession(guestSecret, backLine).orElseThrow();

        assertEquals("g", back.id(), "the same place: the others' tile and the visit's stint");
        assertEquals(List.of("joined", "participants"), backLine.types(), "no lobby");
        assertEquals("new", backLine.lastOf("joined").getString("media"), "a new peer connection for this bridge");
        assertTrue(elsewhere.endpoint("g").isPresent());
        assertTrue(takenOver.resumeWithoutSession(guestSecret, new Line()).isEmpty(), "a secret counts once");
        assertTrue(participant(backLine.lastOf("participants"), "o").getBoolean("reconnecting"));

        CallMember ownerBack = takenOver.connect(member("o-new", "ana", CallMember.Role.OWNER, new Line()),
                ownerSecret, true).orElseThrow();
        assertEquals("o", ownerBack.id(), "signed in again here: the same person with the secret");
        assertEquals(writesBefore, visitWrites, "neither a leave nor a join: the same stints");

        CallMember againDropped = back;
        takenOver.dropped(againDropped);
        String nextSecret = backLine.lastOf("joined").getString("resume");
        assertEquals("g", takenOver.resumeWithoutSession(nextSecret, new Line()).orElseThrow().id(),
                "a tab without a session here keeps coming back by its secret");
        assertTrue(call.resumeWithoutSession(ownerSecret, new Line()).isEmpty(),
                "a place of a tab with a session needs the session too");
    }

    @Test
    void aGuestWhoseSessionIsOnTheNodeTakingOverComesBackByInvitationAndSecretButNotOnAnothersInvitation() {
        Line guestLine = new Line();
        call.connect(guest("g", "browser-1", guestLine));
        call.admit(owner, "g");
        String guestSecret = guestLine.lastOf("joined").getString("resume");
        CallSnapshot copy = call.snapshot("node-a").orElseThrow();
        LiveCall takenOver = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, GRACE,
                bridge.conference(ROOM + "-b"), new VisitRecord(ROOM, new Visits(), Runnable::run),
                new CallServices(clock, new NoEvents(), this::after), over::add);
        takenOver.adopt(copy.ownedBy("node-b"));

        assertTrue(takenOver.connect(new CallMember("other", "guest:inv-2", "guest:inv-2 browser-9", "Lee",
                CallMember.Role.GUEST, new Line(), List.of(), null), guestSecret, false)
                .map(CallMember::id).filter("g"::equals).isEmpty(), "another invitation's guest with the secret: no");
        Line backLine = new Line();
        CallMember back = takenOver.connect(guest("g-new", "browser-7", backLine), guestSecret, false)
                .orElseThrow();

        assertEquals("g", back.id(), "the same place: the guest's session was on the front, which took the call over");
        assertEquals("joined", backLine.types().get(0), "no lobby");
    }

    @Test
    void placesTakenOverThatNobodyClaimsLeaveAtTheGraceAndTheVisitEndsWhenTheRoomStaysEmpty() {
        CallSnapshot copy = call.snapshot("node-a").orElseThrow();
        LiveCall takenOver = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, GRACE,
                bridge.conference(ROOM + "-b"), new VisitRecord(ROOM, new Visits(), Runnable::run),
                new CallServices(clock, new NoEvents(), this::after), over::add);
        takenOver.adopt(copy.ownedBy("node-b"));
        Instant takenAt = clock.instant();
        clock.advance(GRACE);

        pending(GRACE).task.run();
        assertEquals("leave ana at " + takenAt, visitWrites.get(visitWrites.size() - 1));
        pending(LIMITS.emptyRoomTimeout()).task.run();

        assertEquals("end empty", visitWrites.get(visitWrites.size() - 1));
        assertEquals(List.of(takenOver), over);
    }

    @Test
    void aCallHandedOverAtAStopClosesEveryConnectionAsADropAndWritesNoLeave() {
        Line guestLine = new Line();
        call.connect(guest("g", "browser-1", guestLine));
        call.admit(owner, "g");
        call.dropped(call.present().get(1)); // the web module closed that one first: held
        List<String> writesBefore = List.copyOf(visitWrites);

        call.handOver();

        assertEquals("server-stopping", ownerLine.closedWith, "closed, to come back elsewhere");
        assertTrue(ownerLine.types().stream().noneMatch("room-closed"::equals), "not told the call ended");
        assertEquals(writesBefore, visitWrites, "no leave: the stints go on where the call is taken over");
        assertTrue(call.isOver());
        assertTrue(pending(GRACE).cancelled, "no grace timer left to write a leave later");
        assertTrue(call.snapshot("node-a").isEmpty(), "nothing more to share from here: the copy before stays");
    }

    @Test
    void thereIsNothingToTakeOverWithoutAVisitOrWithoutAGracePeriod() {
        LiveCall noGrace = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, Duration.ZERO,
                bridge.conference(ROOM + "-c"), new VisitRecord(ROOM, new Visits(), Runnable::run),
                new CallServices(clock, new NoEvents(), this::after), over::add);
        noGrace.connect(member("x", "xena", CallMember.Role.OWNER, new Line()));
        assertTrue(noGrace.snapshot("node-a").isEmpty());

        LiveCall lobbyOnly = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Oncology 3", 3, true), LIMITS, GRACE,
                bridge.conference(ROOM + "-d"), new VisitRecord(ROOM, new Visits(), Runnable::run),
                new CallServices(clock, new NoEvents(), this::after), over::add);
        lobbyOnly.connect(guest("g", "browser-1", new Line()));
        assertTrue(lobbyOnly.snapshot("node-a").isEmpty());
    }

    // --- fixtures --------------------------------------------------------------------------

    private static CallMember member(String id, String username, CallMember.Role role, Line line) {
        return new CallMember(id, username, username, username, role, line, List.of(), null);
    }

    private static CallMember guest(String id, String browser, Line line) {
        return new CallMember(id, "guest:inv", "guest:inv " + browser, "Pat", CallMember.Role.GUEST, line, List.of(), null);
    }

    private static JsonObject participant(JsonObject participants, String id) {
        return participants.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private static String chromiumOffer(String ufrag, String password) throws Exception {
        try (InputStream in = ReconnectInCallTest.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + ufrag)
                    .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + password);
        }
    }

    private static String ufrag(String sdp) {
        Matcher matcher = Pattern.compile("a=ice-ufrag:(\\S+)").matcher(sdp);
        assertTrue(matcher.find(), sdp);
        return matcher.group(1);
    }

    private CallTimers.Timer after(Duration delay, Runnable task) {
        Pending pending = new Pending(delay, task);
        timers.add(pending);
        return () -> pending.cancelled = true;
    }

    /** The latest timer of that delay, or null. */
    private Pending pending(Duration delay) {
        for (int i = timers.size() - 1; i >= 0; i--) {
            if (timers.get(i).delay.equals(delay)) {
                return timers.get(i);
            }
        }
        return null;
    }

    private static final class Pending {
        final Duration delay;
        final Runnable task;
        boolean cancelled;

        Pending(Duration delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }
    }

    private static final class Line implements CallConnection {
        final List<JsonObject> sent = new ArrayList<>();
        String closedWith;

        @Override
        public void send(JsonObject message) {
            sent.add(message);
        }

        @Override
        public void close(String reason) {
            closedWith = reason;
        }

        JsonObject last() {
            return sent.get(sent.size() - 1);
        }

        JsonObject lastOf(String type) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).getString("type").equals(type)) {
                    return sent.get(i);
                }
            }
            throw new AssertionError("no " + type + " in " + types());
        }

        List<String> types() {
            return sent.stream().map(m -> m.getString("type")).toList();
        }
    }

    private final class Visits implements VisitStore {
        @Override
        public void identityConfirmed(VisitId visit, CallMember host, CallMember guest,
                                      org.consilium.domain.room.IdentityMethod method, Instant at) {
        }

        @Override
        public void endInterrupted(RoomId room) {
        }

        @Override
        public void start(VisitId visit, RoomId room, Instant at, CallMember first) {
        }

        @Override
        public void join(VisitId visit, CallMember member, Instant at) {
            visitWrites.add("join " + member.principal() + " " + member.role().visitRole() + " at " + at);
        }

        @Override
        public void leave(VisitId visit, CallMember member, Instant at) {
            visitWrites.add("leave " + member.principal() + " at " + at);
        }

        @Override
        public void end(VisitId visit, Instant at, VisitEnd reason) {
            visitWrites.add("end " + reason.code());
        }

        @Override
        public void modality(VisitId visit, CallMember member, org.consilium.domain.room.Modality modality, Instant at) {
            visitWrites.add("modality " + member.principal() + " " + modality);
        }
    }

    private static final class NoEvents implements CallEvents {
        @Override
        public void joined(LiveCall call, CallMember member) {
        }

        @Override
        public void left(LiveCall call, CallMember member) {
        }

        @Override
        public void admitted(LiveCall call, CallMember host, CallMember member) {
        }

        @Override
        public void denied(LiveCall call, CallMember host, CallMember member) {
        }

        @Override
        public void removed(LiveCall call, CallMember host, CallMember member) {
        }

        @Override
        public void locked(LiveCall call, CallMember host, boolean locked) {
        }

        @Override
        public void screenShare(LiveCall call, CallMember member, boolean active) {
        }
    }

    /** A clock the test moves. */
    private static final class HandClock extends Clock {
        private Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
