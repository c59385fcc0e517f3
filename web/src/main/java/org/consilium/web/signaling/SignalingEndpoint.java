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
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallConnection;
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

    /** Larger messages are refused by the container (close 1009); SDP offers are well below. */
    static final int MAX_MESSAGE = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());

    @Inject
    CallRegistry calls;

    private CallRegistry.Connected connected;

    @OnOpen
    public void open(Session session, @PathParam("room") String roomId) throws IOException {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        if (!Boolean.TRUE.equals(session.getUserProperties().get(SignalingHandshake.SAME_ORIGIN))) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "cross-origin"));
            return;
        }
        HttpSession http = (HttpSession) session.getUserProperties().get(SignalingHandshake.HTTP_SESSION);
        String address = null; // the WebSocket API does not expose it; the HTTP sign-in recorded it
        CallConnection connection = new WebSocketConnection(session);
        try {
            Optional<StaffIdentity> staff = Optional.ofNullable(
                    (StaffIdentity) session.getUserProperties().get(SignalingHandshake.STAFF));
            if (staff.isPresent()) {
                connected = calls.connectStaff(staff.get(), address, roomId, connection);
            } else if (http != null && http.getAttribute(GuestSession.ATTRIBUTE) instanceof GuestSession guest) {
                connected = calls.connectGuest(guest.guest(), address, roomId, connection);
            } else {
                session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in or open your invitation first"));
            }
        } catch (CallRefused refused) {
            connection.send(CallMessages.error(refused.code(), refused.getMessage()));
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, refused.code()));
        }
    }

    @OnMessage
    public void message(Session session, String text) {
        if (connected == null) {
            return;
        }
        WebSocketConnection reply = new WebSocketConnection(session);
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException notAnObject) {
            reply.send(CallMessages.error("bad-json", "a message is one JSON object"));
            return;
        }
        try {
            handle(message, reply);
        } catch (CallRefused refused) {
            reply.send(CallMessages.error(refused.code(), refused.getMessage()));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException wrongField) {
            reply.send(CallMessages.error("invalid", "a field is missing or has the wrong type"));
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "signaling message failed", bug);
            reply.send(CallMessages.error("internal", "the server could not handle that message"));
        }
    }

    private void handle(JsonObject message, WebSocketConnection reply) {
        LiveCall call = connected.call();
        CallMember me = connected.member();
        String type = message.getString("type", "");
        switch (type) {
            case "join" -> {
                // Connecting joined already (or queued); a repeated join just restates where you are.
            }
            case "offer" -> reply.send(CallMessages.answer(call.offer(me, message.getString("sdp"))));
            case "mute" -> call.mute(me, message.getBoolean("audio"), message.getBoolean("video"));
            case "screen-share" -> call.screenShare(me, message.getBoolean("active"));
            case "chat" -> call.chat(me, message.getString("text"));
            case "admit" -> call.admit(me, message.getString("participant"));
            case "deny" -> call.deny(me, message.getString("participant"));
            case "remove" -> call.remove(me, message.getString("participant"));
            case "ask-to-mute" -> call.askToMute(me, message.getString("participant"));
            case "lock" -> call.lock(me, message.getBoolean("locked"));
            case "leave" -> reply.close("left");
            default -> throw new CallRefused("unknown-type", "unknown message type '" + abbreviated(type) + "'");
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connected != null) {
            calls.disconnected(connected);
            connected = null;
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (failure instanceof IOException) {
            return; // the network went away: OnClose follows
        }
        WebSocketConnection reply = new WebSocketConnection(session);
        reply.send(CallMessages.error("too-large", "a message is at most " + MAX_MESSAGE / 1024 + " KiB"));
        LOG.log(Level.FINE, "signaling connection error", failure);
    }

    private static String abbreviated(String text) {
        String printable = text.replaceAll("[^\\p{Print}]", "?");
        return printable.length() <= 32 ? printable : printable.substring(0, 32) + "…";
    }

    /** A member's connection over this WebSocket; sends never throw (a dead connection just closes). */
    static final class WebSocketConnection implements CallConnection {
        private final Session session;

        WebSocketConnection(Session session) {
            this.session = session;
        }

        @Override
        public void send(JsonObject message) {
            if (session.isOpen()) {
                synchronized (session) { // one writer at a time on a connection
                    try {
                        session.getBasicRemote().sendText(message.toString());
                    } catch (IOException | IllegalStateException gone) {
                        // the close handler does the rest
                    }
                }
            }
        }

        @Override
        public void close(String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
            } catch (IOException alreadyClosed) {
                // nothing to do
            }
        }
    }
}
