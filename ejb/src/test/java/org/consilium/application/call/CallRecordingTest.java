package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.Modality;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent before recording (issue 22, item 1), against a real bridge on loopback: whose media
 * is tapped, who is asked, what everyone's participant list says, and what is stored.
 */
class CallRecordingTest {

    private static final RoomId ROOM = new RoomId(UUID.fromString("5b0e7c1a-2d3f-4e5a-8b9c-0d1e2f3a4b5c"));
    private static final RecordingNotice NOTICE = RecordingNotice.of(3, RecordingNotice.DEFAULT_TEXT, Instant.EPOCH, "system");

    private ExecutorService threads;
    private Videobridge bridge;
    private LiveCall call;
    private final FakeRecorders recorders = new FakeRecorders();
    private final Line ownerLine = new Line();
    private final Line staffLine = new Line();
    private final Line guestLine = new Line();
    private CallMember owner;
    private CallMember staff;
    private CallMember guest;

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), threads);
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T16:00:00Z"), ZoneOffset.UTC);
        call = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Dermatology 3", 6, true),
                new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12)), Duration.ZERO,
                new LocalCallMedia(bridge.conference(ROOM.toString())), new VisitRecord(ROOM, new NoVisitWrites(), Runnable::run),
                new CallServices(clock, new NoEvents(), (delay, task) -> () -> { }, recorders), ended -> { });
        owner = new CallMember("o", "ana", "Ana Ortiz", CallMember.Role.OWNER, ownerLine);
        staff = new CallMember("s", "ben", "Ben Okafor", CallMember.Role.STAFF, staffLine);
        guest = new CallMember("g", "guest:inv", "Maria", CallMember.Role.GUEST, guestLine);
        call.connect(owner);
        call.connect(staff);
        call.connect(guest);
        call.admit(owner, "s");
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        threads.shutdownNow();
    }

    @Test
    void onlyHostsWhereThePolicyAllowsItSeeTheButtonAndStart() {
        assertTrue(first(ownerLine, "joined").getBoolean("recordingAllowed"));
        assertFalse(first(staffLine, "joined").getBoolean("recordingAllowed"));
        CallRefused refused = assertThrows(CallRefused.class, () -> call.record(staff, true));
        assertEquals("forbidden", refused.code());
        assertTrue(recorders.started.isEmpty());

        recorders.allowed = false;
        refused = assertThrows(CallRefused.class, () -> call.record(owner, true));
        assertEquals("recording-not-allowed", refused.code());
    }

    @Test
    void everyonePresentIsAskedAndOnlyThoseWhoConsentAreTapped() {
        call.record(owner, true);

        assertEquals("asked", last(ownerLine, "recording").getString("you"));
        assertEquals("asked", last(staffLine, "recording").getString("you"));
        assertEquals(3, last(staffLine, "recording").getJsonObject("notice").getInt("version"));
        assertTrue(guestLine.types().stream().noneMatch("recording"::equals), "the guest in the lobby is not asked");
        assertEquals(Map.of("o", "asked", "s", "asked"), states(staffLine));
        assertTrue(recorders.session().tapped.isEmpty(), "nobody is written before they consent");

        call.recordingConsent(owner, true, 3);
        call.recordingConsent(staff, false, 3);

        assertEquals(List.of("o"), recorders.session().tapped);
        assertTrue(bridge.conference(ROOM.toString()).endpoint("o").orElseThrow() == recorders.session().endpoints.get(0));
        assertEquals(Map.of("o", "recorded", "s", "not-recorded"), states(ownerLine));
        assertEquals("consented", last(ownerLine, "recording").getString("you"));
        assertEquals("declined", last(staffLine, "recording").getString("you"));
        assertEquals(List.of("o given", "s declined"), recorders.session().decisions);
    }

    @Test
    void aGuestAdmittedLaterIsAskedOnEntryAndRecordedOnlyAfterConsent() {
        call.record(owner, true);
        call.admit(owner, "g");

        List<String> types = guestLine.types();
        assertEquals("recording", types.get(types.indexOf("joined") + 1), "asked right after entering");
        assertEquals("asked", states(ownerLine).get("g"));
        call.recordingConsent(guest, true, 3);
        assertEquals(List.of("g"), recorders.session().tapped);
        assertEquals("recorded", states(staffLine).get("g"), "everyone sees who is recorded");
    }

    @Test
    void withdrawingConsentStopsTheTapAndGivingItAgainStartsANewFile() {
        call.record(owner, true);
        call.recordingConsent(staff, true, 3);
        call.recordingConsent(staff, false, 3);
        assertEquals(1, recorders.session().stopped);
        assertEquals("not-recorded", states(ownerLine).get("s"));
        call.recordingConsent(staff, true, 3);
        assertEquals(List.of("s", "s"), recorders.session().tapped);
        assertEquals(List.of("s given", "s withdrawn", "s given"), recorders.session().decisions);
    }

    @Test
    void aConsentingMembersScreenIsRecordedWhileTheyShareIt() {
        call.record(owner, true);
        call.screenShare(owner, true, 0xABCDL);
        call.recordingConsent(owner, true, 3);
        assertEquals(List.of("o screen 43981"), recorders.session().screens, "a screen shared before consent, once consented");
        call.screenShare(owner, false, null);
        call.screenShare(staff, true, 0x99L);
        assertEquals(List.of("o screen 43981", "o screen null"), recorders.session().screens,
                "the screen stops with the share; a member who did not consent records none");
    }

    @Test
    void onlyTheChatOfMembersWhoAreRecordedIsKeptWithTheRecording() {
        call.chat(owner, "before the recording");
        call.record(owner, true);
        call.recordingConsent(owner, true, 3);
        call.recordingConsent(staff, false, 3);
        call.chat(owner, "the lesion is on the left forearm");
        call.chat(staff, "not recorded: declined");
        call.recordingConsent(owner, false, 3);
        call.chat(owner, "after withdrawing");

        assertEquals(List.of("o Ana Ortiz: the lesion is on the left forearm @2026-12-07T16:00:00Z"),
                recorders.session().chat);
        assertEquals(4, staffLine.types().stream().filter("chat"::equals).count(),
                "everyone present still reads every message, recorded or not");
    }

    @Test
    void aConsentingMemberWhoseMediaIsOnAnotherBridgeIsShownAsAgreedButNotRecorded() {
        CallMedia local = new LocalCallMedia(bridge.conference("elsewhere"));
        CallMedia ownerHereStaffElsewhere = new CallMedia() {
            @Override public void allocate(String id) { local.allocate(id); }
            @Override public void expire(String id) { local.expire(id); }
            @Override public boolean has(String id) { return local.has(id); }
            @Override public Optional<Endpoint> localEndpoint(String id) {
                return id.equals("s") ? Optional.empty() : local.localEndpoint(id); // a cascade: on node 2
            }
            @Override public Optional<Negotiated> negotiate(String id, String offer)
                    throws org.consilium.videobridge.sdp.InvalidSdpException { return local.negotiate(id, offer); }
            @Override public void constrain(String id, org.consilium.videobridge.allocation.ReceiverConstraints c) { }
            @Override public Map<String, Map<org.consilium.videobridge.conference.MediaSource.Kind, Integer>> slotsNeeded(
                    List<String> ids) { return local.slotsNeeded(ids); }
            @Override public void whenLost(Consumer<String> lost) { local.whenLost(lost); }
            @Override public void listen(org.consilium.videobridge.conference.ConferenceListener sources,
                                         org.consilium.videobridge.conference.ConferenceListener news) { }
            @Override public void keepBridgesOf(java.util.Collection<String> members) { }
            @Override public void stopListening() { }
        };
        Line owners = new Line();
        Line staffs = new Line();
        LiveCall cascaded = TestCalls.liveCall(new CallRoom(ROOM.toString(), "Tumor board", 40, true),
                new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12)), Duration.ZERO, ownerHereStaffElsewhere,
                new VisitRecord(ROOM, new NoVisitWrites(), Runnable::run),
                new CallServices(Clock.systemUTC(), new NoEvents(), (delay, task) -> () -> { }, recorders), ended -> { });
        CallMember ana = new CallMember("o", "ana", "Ana Ortiz", CallMember.Role.OWNER, owners);
        CallMember ben = new CallMember("s", "ben", "Ben Okafor", CallMember.Role.STAFF, staffs);
        cascaded.connect(ana);
        cascaded.connect(ben);
        cascaded.admit(ana, "s");
        cascaded.record(ana, true);
        cascaded.recordingConsent(ben, true, 3);

        assertEquals(List.of(), recorders.session().tapped, "nothing of Ben's can be tapped here");
        assertEquals("unavailable", states(owners).get("s"), "everyone sees he agreed and is not recorded");
        assertEquals("consented", last(staffs, "recording").getString("you"));
        cascaded.recordingConsent(ben, false, 3);
        assertEquals("not-recorded", states(owners).get("s"));
    }

    @Test
    void anAnswerToAnOlderNoticeIsRefusedAndTheNoticeShownAgain() {
        call.record(owner, true);
        int before = staffLine.sent.size();
        CallRefused refused = assertThrows(CallRefused.class, () -> call.recordingConsent(staff, true, 2));
        assertEquals("stale-notice", refused.code());
        assertTrue(staffLine.sent.size() > before && "asked".equals(last(staffLine, "recording").getString("you")));
        assertTrue(recorders.session().tapped.isEmpty());
    }

    @Test
    void leavingStopsTheTapAndAHostsStopEndsTheRecordingForEveryone() {
        call.record(owner, true);
        call.recordingConsent(owner, true, 3);
        call.recordingConsent(staff, true, 3);
        call.disconnected(staff);
        assertEquals(1, recorders.session().stopped, "the one who left is no longer written");

        call.record(owner, false);
        assertEquals(2, recorders.session().stopped);
        assertEquals(RecordingStopReason.STOPPED_BY_HOST, recorders.session().stopReason);
        assertFalse(last(ownerLine, "recording").getBoolean("active"));
        assertFalse(last(ownerLine, "participants").getJsonArray("participants").getJsonObject(0).containsKey("recording"));
    }

    @Test
    void aRecordingThatStopsByItselfTellsEveryoneWhy() {
        call.record(owner, true);
        call.recordingConsent(owner, true, 3);
        recorders.session().stoppedByItself.accept(RecordingStopReason.STORAGE_FULL);

        JsonObject stopped = last(ownerLine, "recording");
        assertFalse(stopped.getBoolean("active"));
        assertTrue(stopped.getString("reason").contains("storage is full"));
        assertEquals(RecordingStopReason.STORAGE_FULL, recorders.session().stopReason);
        assertTrue(call.present().size() == 2, "the call goes on");
    }

    @Test
    void theVisitsEndStopsTheRecording() {
        call.record(owner, true);
        call.closeForEveryone("The room was closed.", VisitEnd.ROOM_CLOSED);
        assertEquals(RecordingStopReason.CALL_ENDED, recorders.session().stopReason);
    }

    private static Map<String, String> states(Line line) {
        Map<String, String> states = new LinkedHashMap<>();
        last(line, "participants").getJsonArray("participants").getValuesAs(JsonObject.class)
                .forEach(p -> states.put(p.getString("id"), p.getString("recording", null)));
        return states;
    }

    private static JsonObject first(Line line, String type) {
        return line.sent.stream().filter(m -> m.getString("type").equals(type)).findFirst().orElseThrow();
    }

    private static JsonObject last(Line line, String type) {
        List<JsonObject> of = line.sent.stream().filter(m -> m.getString("type").equals(type)).toList();
        return of.get(of.size() - 1);
    }

    /** A recorder that records what it was asked. */
    private static final class FakeRecorders implements CallRecorders {
        boolean allowed = true;
        final List<Session> started = new ArrayList<>();

        Session session() {
            return started.get(started.size() - 1);
        }

        @Override
        public boolean allowed() {
            return allowed;
        }

        @Override
        public RecordingSession start(CallRoom room, VisitId visit, CallMember host, Consumer<RecordingStopReason> stopped) {
            if (!allowed) {
                throw new CallRefused("recording-not-allowed", "not allowed");
            }
            Session session = new Session(stopped);
            started.add(session);
            return session;
        }
    }

    private static final class Session implements CallRecorders.RecordingSession {
        final Consumer<RecordingStopReason> stoppedByItself;
        final List<String> tapped = new ArrayList<>();
        final List<Endpoint> endpoints = new ArrayList<>();
        final List<String> decisions = new ArrayList<>();
        final List<String> screens = new ArrayList<>();
        final List<String> chat = new ArrayList<>();
        int stopped;
        RecordingStopReason stopReason;

        Session(Consumer<RecordingStopReason> stoppedByItself) {
            this.stoppedByItself = stoppedByItself;
        }

        @Override
        public RecordingNotice notice() {
            return NOTICE;
        }

        @Override
        public Instant since() {
            return Instant.parse("2026-12-07T16:00:00Z");
        }

        @Override
        public void decided(CallMember member, ConsentDecision decision) {
            decisions.add(member.id() + " " + decision.code());
        }

        @Override
        public CallRecorders.Track record(CallMember member, Endpoint endpoint) {
            tapped.add(member.id());
            endpoints.add(endpoint);
            return new CallRecorders.Track() {
                private Long screen;

                @Override
                public void stop() {
                    stopped++;
                }

                @Override
                public void chat(String from, String text, Instant at) {
                    chat.add(member.id() + " " + from + ": " + text + " @" + at);
                }

                @Override
                public void screen(Long ssrc) {
                    if (!java.util.Objects.equals(ssrc, screen) || !screens.isEmpty()) {
                        if (ssrc != null || screen != null) {
                            screens.add(member.id() + " screen " + ssrc);
                        }
                    }
                    screen = ssrc;
                }
            };
        }

        @Override
        public void stop(RecordingStopReason reason, CallMember by) {
            stopReason = reason;
        }
    }

    private static final class Line implements CallConnection {
        final List<JsonObject> sent = new ArrayList<>();

        @Override
        public void send(JsonObject message) {
            sent.add(message);
        }

        @Override
        public void close(String reason) {
        }

        List<String> types() {
            return sent.stream().map(m -> m.getString("type")).toList();
        }
    }

    private static final class NoEvents implements CallEvents {
        @Override public void joined(LiveCall call, CallMember member) { }
        @Override public void left(LiveCall call, CallMember member) { }
        @Override public void admitted(LiveCall call, CallMember host, CallMember member) { }
        @Override public void denied(LiveCall call, CallMember host, CallMember member) { }
        @Override public void removed(LiveCall call, CallMember host, CallMember member) { }
        @Override public void locked(LiveCall call, CallMember host, boolean locked) { }
        @Override public void screenShare(LiveCall call, CallMember member, boolean active) { }
    }

    private static final class NoVisitWrites implements VisitStore {
        @Override
        public void identityConfirmed(VisitId visit, CallMember host, CallMember guest,
                                      org.consilium.domain.room.IdentityMethod method, Instant at) {
        }

        @Override public void endInterrupted(RoomId room) { }
        @Override public void start(VisitId visit, RoomId room, Instant at, CallMember first) { }
        @Override public void join(VisitId visit, CallMember member, Instant at) { }
        @Override public void leave(VisitId visit, CallMember member, Instant at) { }
        @Override public void end(VisitId visit, Instant at, VisitEnd reason) { }
        @Override public void modality(VisitId visit, CallMember member, Modality modality, Instant at) { }
    }
}
