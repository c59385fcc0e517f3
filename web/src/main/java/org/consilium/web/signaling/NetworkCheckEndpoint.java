package org.consilium.web.signaling;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallMessages;
import org.consilium.application.call.CallRefusals;
import org.consilium.application.networkcheck.NetworkChecks;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.videobridge.probe.LoopbackProbe;
import org.consilium.videobridge.probe.LoopbackProbes;
import org.consilium.videobridge.probe.ProbeRefused;
import org.consilium.web.guest.GuestSession;

/**
 * {@code wss://…/signaling/network-check}: one pre-call network check (docs/signaling.md,
 * "Network check"). Only someone who could join a call gets here ({@link SignalingGate}: a
 * signed-in staff member with a role, or a guest whose invitation this HTTP session redeemed);
 * the check joins no room. As the connection opens the check starts ({@code ready}, with its
 * time limit) or is refused ({@code error}, then close); the page's two offers are answered;
 * at the limit the server says {@code over} and closes. Closing ends the check.
 */
@ServerEndpoint(value = "/signaling/network-check", configurator = SignalingHandshake.class)
public class NetworkCheckEndpoint {

    /** What the audit trail's refusals name as the room: a check is for none. */
    static final String TARGET = "network-check";
    private static final Logger LOG = Logger.getLogger(NetworkCheckEndpoint.class.getName());

    @Inject
    NetworkChecks checks;

    @Inject
    CallRefusals refusals;

    private volatile WebSocketConnection connection;
    private volatile LoopbackProbe probe;
    private volatile String client;
    private final Inbound inbound = new Inbound();
    private final MessageAssembler assembler = new MessageAssembler(Inbound.MAX_MESSAGE, SignalingEndpoint.MAX_READ);

    @OnOpen
    public void open(Session session) throws IOException {
        if (!Boolean.TRUE.equals(session.getUserProperties().get(SignalingHandshake.SAME_ORIGIN))) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "cross-origin"));
            return;
        }
        connection = new WebSocketConnection(session);
        HttpSession http = (HttpSession) session.getUserProperties().get(SignalingHandshake.HTTP_SESSION);
        StaffIdentity staff = (StaffIdentity) session.getUserProperties().get(SignalingHandshake.STAFF);
        boolean guest = http != null && http.getAttribute(GuestSession.ATTRIBUTE) instanceof GuestSession;
        if (http == null || staff == null && !guest) {
            connection.send(CallMessages.error("forbidden", "sign in or open your invitation first"));
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "forbidden");
            return;
        }
        client = http.getId();
        try {
            probe = checks.start(client, this::timeUp);
        } catch (ProbeRefused refused) {
            if ("rate-limited".equals(refused.code())) {
                audit(session, http, staff, refused.code());
            }
            connection.send(CallMessages.error(refused.code(), refused.getMessage()));
            connection.closeAfterSent("busy".equals(refused.code()) || "unavailable".equals(refused.code())
                    ? CloseReason.CloseCodes.TRY_AGAIN_LATER : CloseReason.CloseCodes.VIOLATED_POLICY, refused.code());
            return;
        }
        connection.send(Json.createObjectBuilder().add("type", "ready")
                .add("limitMs", LoopbackProbes.DEFAULT_LIMIT.toMillis()).build());
    }

    @OnMessage
    public void message(Session session, String part, boolean last) {
        MessageAssembler.Assembled assembled = assembler.part(part, last);
        if (assembled instanceof MessageAssembler.Over) {
            String reason = "a message is at most " + Inbound.MAX_MESSAGE / 1024 + " KiB";
            if (!UndertowChannels.stopReadingAndClose(session, CloseReason.CloseCodes.TOO_BIG.getCode(), reason)
                    && connection != null) {
                connection.closeAtOnce(CloseReason.CloseCodes.TOO_BIG, reason);
            }
            return;
        }
        LoopbackProbe running = probe;
        if (assembled == null || running == null) {
            return;
        }
        long now = System.nanoTime();
        Inbound.Outcome outcome = assembled instanceof MessageAssembler.Whole whole
                ? inbound.read(whole.text(), now)
                : inbound.tooLong(((MessageAssembler.TooLong) assembled).length(), now);
        if (outcome instanceof Inbound.Refuse refuse) {
            connection.send(CallMessages.error(refuse.code(), refuse.text()));
        } else if (outcome instanceof Inbound.Close close) {
            connection.send(CallMessages.error(close.code(), close.text()));
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, close.code());
        } else if (outcome instanceof Inbound.Handle handle) {
            handle(running, handle.message());
        }
    }

    private void handle(LoopbackProbe running, JsonObject message) {
        if (message.get("type") instanceof JsonString type && "leave".equals(type.getString())) {
            connection.close("left");
            return;
        }
        NetworkCheckCommands.Reply reply = NetworkCheckCommands.apply(running, message);
        connection.send(reply.message());
        if (reply.over()) {
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "over");
        }
    }

    /** The check's time is up: the bridge let it go already; the page is told, then the connection closes. */
    private void timeUp() {
        WebSocketConnection open = connection;
        if (open != null) {
            open.send(Json.createObjectBuilder().add("type", "over").build());
            open.closeAfterSent(CloseReason.CloseCodes.NORMAL_CLOSURE, "time-up");
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        LoopbackProbe running = probe;
        probe = null;
        if (running != null) {
            checks.end(client, running);
        }
        if (client != null) {
            refusals.closed(session.getId());
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "network check connection error", failure); // OnClose follows
    }

    private void audit(Session session, HttpSession http, StaffIdentity staff, String reason) {
        String actor = staff != null ? staff.username().value()
                : ((GuestSession) http.getAttribute(GuestSession.ATTRIBUTE)).guest().principalName();
        List<String> roles = staff == null ? List.of() : staff.roles().stream().map(Role::roleName).sorted().toList();
        try {
            refusals.refused(session.getId(), new CallRefusals.Refusal(actor, roles, null, TARGET, reason, TARGET));
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a network check refusal: {0}", failed.getClass().getName());
        }
    }
}
