package org.consilium.web.signaling;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallMessages;
import org.consilium.application.call.CallPlacement;
import org.consilium.application.call.CallRefusals;
import org.consilium.application.call.CallRefused;
import org.consilium.application.call.CallRegistry;
import org.consilium.domain.StaffIdentity;
import org.consilium.web.guest.GuestSession;

/**
 * {@code wss://…/signaling/<room id>}: one participant's signaling (docs/signaling.md).
 * Who may connect was decided at the handshake ({@link SignalingGate}). Messages come in
 * parts ({@link MessageAssembler}: none over 1 MiB is held), then pass the connection's
 * rate, size and JSON checks ({@link Inbound}). Bad input (not JSON, too deep, unknown
 * type, too large, wrong fields, out of order) gets an {@code error} message; the
 * connection and the call stay as they were. Refusals that matter are audited
 * ({@link CallRefusals}).
 */
@ServerEndpoint(value = "/signaling/{room}", configurator = SignalingHandshake.class)
public class SignalingEndpoint {

    /**
     * Beyond this a message is refused while it is read, and the connection closed (1009): a
     * client gone wrong, not a typo. Below it, a message over {@link Inbound#MAX_MESSAGE} gets
     * an error; only its length is kept ({@link MessageAssembler}).
     */
    static final int MAX_READ = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());

    @Inject
    CallRegistry calls;

    @Inject
    SignalingSessions sessions;

    @Inject
    Heartbeat heartbeat;

    @Inject
    CallRefusals refusals;

    @Inject
    CallPlacement placement;

    @Inject
    CallRouter router;

    // One endpoint instance per connection; the container's threads, a sign-out and the heartbeat reach these.
    private volatile WebSocketConnection connection;
    private volatile CallLink link;
    private volatile HttpSession http;
    private volatile long lastHeard = System.nanoTime();
    private volatile String id;
    /** The person said {@code leave} (or was closed for misbehaving): their close is a leave, not a drop. */
    private volatile boolean leaving;
    private final Inbound inbound = new Inbound();
    private final ConstraintsRate constraintsRate = new ConstraintsRate();
    private final MessageAssembler assembler = new MessageAssembler(Inbound.MAX_MESSAGE, MAX_READ);
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
        id = session.getId();
        if (!Boolean.TRUE.equals(session.getUserProperties().get(SignalingHandshake.SAME_ORIGIN))) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "cross-origin"));
            return;
        }
        connection = new WebSocketConnection(session);
        HttpSession httpSession = (HttpSession) session.getUserProperties().get(SignalingHandshake.HTTP_SESSION);
        http = httpSession; // kept from expiring from now until the close
        if (httpSession == null || !sessions.opened(httpSession, onSessionEnd)) {
            http = null;
            CallRegistry.Resume resume = resume(session);
            if (httpSession == null && resume.secret() != null) {
                resumeWithoutSession(roomId, resume.secret());
                return;
            }
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in or open your invitation first"));
            return;
        }
        heartbeat.add(beating);
        String address = null; // the WebSocket API does not expose it; the HTTP sign-in recorded it
        try {
            Optional<StaffIdentity> staff = Optional.ofNullable(
                    (StaffIdentity) session.getUserProperties().get(SignalingHandshake.STAFF));
            CallRegistry.Resume resume = resume(session);
            CallPlacement.Placement place = placement.of(roomId);
            if (staff.isPresent()) {
                link = routedOrHere(place, owner -> router.openStaff(owner, roomId, staff.get(), resume, connection),
                        () -> local(calls.connectStaff(staff.get(), address, roomId, connection, resume)));
            } else if (httpSession.getAttribute(GuestSession.ATTRIBUTE) instanceof GuestSession guest) {
                link = routedOrHere(place,
                        owner -> router.openGuest(owner, roomId, guest.guest(), httpSession.getId(), resume, connection),
                        () -> local(calls.connectGuest(guest.guest(), httpSession.getId(), address, roomId, connection,
                                resume)));
            } else {
                connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in or open your invitation first");
            }
        } catch (CallRefused refused) {
            refusedAtOpen(refused);
        } catch (RuntimeException failed) {
            couldNotConnect(failed);
        }
    }

    /**
     * The call where it is placed: on another node through the router; here; or here after all
     * when the node chosen for a new call does not answer (it has just joined, or just died).
     */
    private static CallLink routedOrHere(CallPlacement.Placement place, Function<String, CallLink> routed,
                                         Supplier<CallLink> here) {
        if (place.node().isEmpty()) {
            return here.get();
        }
        try {
            return routed.apply(place.node().get());
        } catch (CallRouter.Unreachable unreachable) {
            if (place.newCall()) {
                LOG.info(() -> place.node().get() + " did not answer for a new call: it starts here");
                return here.get();
            }
            throw unreachable;
        }
    }

    /** A call of this node's: its messages are handled here. */
    private CallLink local(CallRegistry.Connected connected) {
        return new LocalLink(calls, connected, connection, this::refused);
    }

    /**
     * A tab with no HTTP session here presenting its resume secret: its session was on an
     * appliance that died, and its place is held in the call this one takes over
     * (docs/signaling.md, "Failover"). The secret is the only proof, and only such places take it.
     */
    private void resumeWithoutSession(String roomId, String secret) {
        heartbeat.add(beating);
        try {
            link = routedOrHere(placement.of(roomId), owner -> router.openWithSecret(owner, roomId, secret, connection),
                    () -> local(calls.resumeWithoutSession(roomId, secret, connection)));
        } catch (CallRefused refused) {
            if (!"elsewhere".equals(refused.code())) { // a secret that holds no place here: audited, as the gate's refusals
                refusals.refused(id, new CallRefusals.Refusal("(anonymous)", List.of(), null, roomId, "no-session",
                        "resume"));
            }
            refusedAtOpen(refused);
        } catch (RuntimeException failed) {
            couldNotConnect(failed);
        }
    }

    /** Told why, then closed: 1008, or 1013 when trying again soon may work (the call is moving between appliances). */
    private void refusedAtOpen(CallRefused refused) {
        connection.send(CallMessages.error(refused.code(), refused.getMessage()));
        connection.closeAfterSent("elsewhere".equals(refused.code()) ? CloseReason.CloseCodes.TRY_AGAIN_LATER
                : CloseReason.CloseCodes.VIOLATED_POLICY, refused.code());
    }

    private void couldNotConnect(RuntimeException failed) {
        LOG.log(Level.WARNING, "Could not connect to a call: {0}", failed.getClass().getName());
        connection.send(CallMessages.error("internal", "the server could not connect you to the call"));
        connection.closeAfterSent(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal");
    }

    /**
     * {@code ?resume=<secret>[&media=kept]}: a tab taking its held place back
     * (docs/signaling.md, "Reconnecting"). Anything else there is ignored: a wrong or
     * missing secret just connects anew.
     */
    private static CallRegistry.Resume resume(Session session) {
        List<String> secret = session.getRequestParameterMap().get("resume");
        List<String> media = session.getRequestParameterMap().get("media");
        if (secret == null || secret.size() != 1) {
            return CallRegistry.Resume.NONE;
        }
        return new CallRegistry.Resume(secret.get(0), media != null && media.equals(List.of("kept")));
    }

    /** A browser's answer to the heartbeat's ping. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        lastHeard = System.nanoTime();
    }

    /** A part of a message (the container hands large ones over in parts, so none is held whole unless small). */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        lastHeard = System.nanoTime();
        MessageAssembler.Assembled assembled = assembler.part(part, last);
        if (assembled instanceof MessageAssembler.Over) {
            tooLargeToRead(session);
            return;
        }
        if (assembled == null || link == null) {
            return;
        }
        Inbound.Outcome outcome = assembled instanceof MessageAssembler.Whole whole
                ? inbound.read(whole.text(), lastHeard)
                : inbound.tooLong(((MessageAssembler.TooLong) assembled).length(), lastHeard);
        if (outcome instanceof Inbound.Handle handle) {
            handleRefusingWhatWillNotDo(handle.message());
        } else if (outcome instanceof Inbound.Refuse refuse) {
            if (Inbound.RATE_LIMITED.equals(refuse.code())) {
                refused(Inbound.RATE_LIMITED, "(any)");
            }
            connection.send(CallMessages.error(refuse.code(), refuse.text()));
        } else if (outcome instanceof Inbound.Close close) {
            refused("flood", "(any)");
            leaving = true;
            LOG.info(() -> "Closing signaling connection " + id + ": a persistent flood of messages");
            connection.send(CallMessages.error(close.code(), close.text()));
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, close.code());
        }
    }

    /** A message past {@link #MAX_READ}: refused before the rest of it is read, the connection closed (1009). */
    private void tooLargeToRead(Session session) {
        leaving = true;
        refused("too-large", "(over " + MAX_READ / (1024 * 1024) + " MiB)");
        LOG.info(() -> "Closing signaling connection " + id + ": a message over " + MAX_READ / (1024 * 1024)
                + " MiB (such refusals since the start: " + refusals.totals().getOrDefault("too-large", 0L) + ")");
        String reason = "a message is at most " + Inbound.MAX_MESSAGE / 1024 + " KiB";
        if (!UndertowChannels.stopReadingAndClose(session, CloseReason.CloseCodes.TOO_BIG.getCode(), reason) && connection != null) {
            connection.closeAtOnce(CloseReason.CloseCodes.TOO_BIG, reason);
        }
    }

    /**
     * Leaving and the constraints' rate are this connection's; the rest is the call's, here or
     * on the node that runs it ({@link CallLink}).
     */
    private void handleRefusingWhatWillNotDo(JsonObject message) {
        String type = message.get("type") instanceof JsonString text ? text.getString() : "";
        if ("leave".equals(type)) {
            leaving = true;
            connection.close("left");
            return;
        }
        if ("receiver-constraints".equals(type)) {
            try {
                constraintsRate.arrived(System.nanoTime());
            } catch (CallRefused refused) {
                refused(refused.code(), type);
                connection.send(CallMessages.error(refused.code(), refused.getMessage()));
                return;
            }
        }
        link.handle(message);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        heartbeat.remove(beating);
        CallLink wasConnected = link;
        link = null;
        // A browser that closes on purpose says `leave` or closes with 1000; a reload or a closed tab
        // (1001), a network gone (1006) or the server's closes for silence or slowness are drops.
        boolean left = leaving || reason.getCloseCode().getCode() == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode();
        if (wasConnected != null && left) {
            wasConnected.left();
        } else if (wasConnected != null) {
            wasConnected.dropped(); // their place is kept for the reconnect grace period
        }
        HttpSession wasKept = http;
        http = null;
        if (wasKept != null) {
            sessions.closed(wasKept, onSessionEnd);
        }
        if (id != null) {
            refusals.closed(id);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "signaling connection error", failure); // the network went away: OnClose follows
    }

    /** A refusal that matters, into the audit trail (coalesced per connection and reason). */
    private void refused(String reason, String attempted) {
        CallLink who = link;
        CallRefusals.Refusal refusal = who == null ? null : who.refusal(reason, attempted);
        if (refusal == null || id == null) {
            return;
        }
        try {
            refusals.refused(id, refusal);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a signaling refusal ({0}): {1}",
                    new Object[] {reason, failed.getClass().getName()});
        }
    }

    /** The person's HTTP session ended (they signed out): the call ends for them. */
    private void sessionEnded() {
        CallLink wasConnected = link;
        if (wasConnected != null) {
            wasConnected.signedOut();
        } else if (connection != null) {
            connection.closeAfterSent(CloseReason.CloseCodes.VIOLATED_POLICY, "signed-out");
        }
    }
}
