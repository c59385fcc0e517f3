package org.consilium.web.signaling;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallMessages;
import org.consilium.application.call.CallRefused;
import org.consilium.application.call.CallRegistry;
import org.consilium.application.call.LiveCall;
import org.consilium.domain.StaffIdentity;
import org.consilium.web.guest.GuestSession;

/**
 * {@code wss://…/signaling/<room id>}: one participant's signaling (docs/signaling.md).
 * Bad input (not JSON, unknown type, too large, wrong fields, out of order) gets an
 * {@code error} message; the connection and the call stay as they were.
 */
@ServerEndpoint(value = "/signaling/{room}", configurator = SignalingHandshake.class)
public class SignalingEndpoint {

    /** Larger messages get a {@code too-large} error and change nothing; SDP offers are well below. */
    static final int MAX_MESSAGE = 64 * 1024;
    /** Only beyond this does the container itself refuse a message (close 1009): a client gone wrong, not a typo. */
    static final int CONTAINER_LIMIT = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());

    @Inject
    CallRegistry calls;

    @Inject
    SignalingSessions sessions;

    @Inject
    Heartbeat heartbeat;

    // One endpoint instance per connection; the container's threads, a sign-out and the heartbeat reach these.
    private volatile WebSocketConnection connection;
    private volatile CallRegistry.Connected connected;
    private volatile HttpSession http;
    private volatile long lastHeard = System.nanoTime();
    private final SignalingSessions.Ending onSessionEnd = this::sessionEnded;
    private final Heartbeat.Beating beating = new Heartbeat.Beating() {
        @Override
        public void ping() {
            connection.ping();
        }

        @Override
        public long lastHeard() {
            return lastHeard;
        }

        @Override
        public void silent() {
            connection.closeAtOnce(CloseReason.CloseCodes.GOING_AWAY, "no-answer");
        }
    };

    @OnOpen
    public void open(Session session, @PathParam("room") String roomId) throws IOException {
        session.setMaxTextMessageBufferSize(CONTAINER_LIMIT);
        if (!Boolean.TRUE.equals(session.getUserProperties().get(SignalingHandshake.SAME_ORIGIN))) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "cross-origin"));
            return;
        }
        connection = new WebSocketConnection(session);
        HttpSession httpSession = (HttpSession) session.getUserProperties().get(SignalingHandshake.HTTP_SESSION);
        http = httpSession; // kept from expiring from now until the close
        if (httpSession == null || !sessions.opened(httpSession, onSessionEnd)) {
            http = null;
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in or open your invitation first"));
            return;
        }
        heartbeat.add(beating);
        String address = null; // the WebSocket API does not expose it; the HTTP sign-in recorded it
        try {
            Optional<StaffIdentity> staff = Optional.ofNullable(
                    (StaffIdentity) session.getUserProperties().get(SignalingHandshake.STAFF));
            if (staff.isPresent()) {
                connected = calls.connectStaff(staff.get(), address, roomId, connection);
            } else if (httpSession.getAttribute(GuestSession.ATTRIBUTE) instanceof GuestSession guest) {
                connected = calls.connectGuest(guest.guest(), httpSession.getId(), address, roomId, connection);
            } else {
                connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in or open your invitation first");
            }
        } catch (CallRefused refused) {
            connection.send(CallMessages.error(refused.code(), refused.getMessage()));
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, refused.code());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not connect to a call: {0}", failed.getClass().getName());
            connection.send(CallMessages.error("internal", "the server could not connect you to the call"));
            connection.closeAfterSent(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal");
        }
    }

    /** A browser's answer to the heartbeat's ping. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        lastHeard = System.nanoTime();
    }

    @OnMessage
    public void message(Session session, String text) {
        lastHeard = System.nanoTime();
        if (connected == null) {
            return;
        }
        if (text.length() > MAX_MESSAGE) {
            connection.send(CallMessages.error("too-large", "a message is at most " + MAX_MESSAGE / 1024 + " KiB"));
            return;
        }
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException notAnObject) {
            connection.send(CallMessages.error("bad-json", "a message is one JSON object"));
            return;
        }
        try {
            handle(message);
        } catch (CallRefused refused) {
            connection.send(CallMessages.error(refused.code(), refused.getMessage()));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException | ArithmeticException wrongField) {
            connection.send(CallMessages.error("invalid", "a field is missing or has the wrong type"));
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "signaling message failed", bug);
            connection.send(CallMessages.error("internal", "the server could not handle that message"));
        }
    }

    private void handle(JsonObject message) {
        LiveCall call = connected.call();
        CallMember me = connected.member();
        String type = message.getString("type", "");
        switch (type) {
            case "join" -> {
                // Connecting joined already (or queued); a repeated join just restates where you are.
            }
            case "offer" -> connection.send(CallMessages.answer(call.offer(me, message.getString("sdp"))));
            case "mute" -> call.mute(me, message.getBoolean("audio"), message.getBoolean("video"));
            case "screen-share" -> call.screenShare(me, message.getBoolean("active"), ssrc(message, "source"));
            case "chat" -> call.chat(me, message.getString("text"));
            case "admit" -> call.admit(me, message.getString("participant"));
            case "deny" -> call.deny(me, message.getString("participant"));
            case "remove" -> call.remove(me, message.getString("participant"));
            case "ask-to-mute" -> call.askToMute(me, message.getString("participant"));
            case "lock" -> call.lock(me, message.getBoolean("locked"));
            case "leave" -> connection.close("left");
            case "answer" -> throw new CallRefused("out-of-order", "the browser offers and the server answers; send an offer");
            default -> throw new CallRefused("unknown-type", "unknown message type '" + abbreviated(type) + "'");
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        heartbeat.remove(beating);
        CallRegistry.Connected wasConnected = connected;
        connected = null;
        if (wasConnected != null) {
            calls.disconnected(wasConnected);
        }
        HttpSession wasKept = http;
        http = null;
        if (wasKept != null) {
            sessions.closed(wasKept, onSessionEnd);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (failure instanceof IOException || connection == null) {
            return; // the network went away: OnClose follows
        }
        connection.send(CallMessages.error("too-large", "a message is at most " + MAX_MESSAGE / 1024 + " KiB"));
        LOG.log(Level.FINE, "signaling connection error", failure);
    }

    /** The person's HTTP session ended (they signed out): the call ends for them. */
    private void sessionEnded() {
        CallRegistry.Connected wasConnected = connected;
        if (wasConnected != null) {
            calls.endFor(wasConnected, "You signed out.");
        } else if (connection != null) {
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "signed-out");
        }
    }

    /** An optional SSRC field: absent or null is null; anything but a whole number in 0..2^32-1 is invalid. */
    private static Long ssrc(JsonObject message, String field) {
        if (!message.containsKey(field) || message.isNull(field)) {
            return null;
        }
        long value = message.getJsonNumber(field).longValueExact();
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " is not an SSRC");
        }
        return value;
    }

    private static String abbreviated(String text) {
        String printable = text.replaceAll("[^\\p{Print}]", "?");
        return printable.length() <= 32 ? printable : printable.substring(0, 32) + "…";
    }
}
