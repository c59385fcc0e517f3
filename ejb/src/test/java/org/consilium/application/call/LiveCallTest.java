package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lobby and the call's rules, against a real bridge on loopback. */
class LiveCallTest {

    private ExecutorService threads;
    private Videobridge bridge;
    private LiveCall call;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        threads = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), threads);
        call = new LiveCall("r1", "Cardiology 7", bridge.conference("r1"), Clock.systemUTC(), new Recorded());
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        threads.shutdownNow();
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
        assertTrue(bridge.conference("r1").endpoint("g").isPresent(), "admitted: a bridge endpoint");
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
        assertFalse(bridge.conference("r1").endpoint("g").isPresent(), "the endpoint went with the connection");
        assertEquals(1, ownerLine.last().getJsonArray("participants").size());
        assertThrows(CallRefused.class, () -> call.chat(guest, "still here?"));
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
    void chatGoesToEveryoneInTheCallAndHasLimits() {
        Connection ownerLine = new Connection();
        CallMember owner = member("o", "Ana", CallMember.Role.OWNER, ownerLine);
        call.connect(owner);
        call.chat(owner, "Good morning");
        assertEquals("Good morning", ownerLine.last().getString("text"));
        assertThrows(CallRefused.class, () -> call.chat(owner, " "));
        assertThrows(CallRefused.class, () -> call.chat(owner, "x".repeat(LiveCall.MAX_CHAT + 1)));
    }

    private static CallMember member(String id, String name, CallMember.Role role, Connection line) {
        return new CallMember(id, role == CallMember.Role.GUEST ? "guest:" + id : id, name, role, line);
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

        @Override
        public void close(String reason) {
            closedWith = reason;
        }

        JsonObject last() {
            return sent.get(sent.size() - 1);
        }

        List<String> types() {
            return sent.stream().map(m -> m.getString("type")).toList();
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
