package org.consilium.application.call;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.admin.NodeDrain;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.room.RoomClosed;
import org.consilium.application.room.RoomHostsChanged;
import org.consilium.application.room.RoomPolicies;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.room.Guest;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomPolicy;
import org.consilium.domain.room.RoomRepository;
import org.consilium.domain.room.VisitRole;
import org.consilium.videobridge.Videobridge;

/**
 * The live calls of this node, one per room with someone connected or a visit still open.
 * Decides who may connect to a room's call and in which role; the call itself decides the
 * rest. Timers and visit writes run on the server's managed scheduled executor.
 */
@ApplicationScoped
public class CallRegistry {

    /** How long a stopping server waits for the last visit writes. */
    private static final long SHUTDOWN_WRITES_MILLIS = 2000;
    private static final long RUNNER_CHECK_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger(CallRegistry.class.getName());

    /** By room id. Its lock is never held while waiting for a call's lock (calls take it inside theirs). */
    private final Map<String, LiveCall> calls = new HashMap<>();

    @Inject
    Instance<Videobridge> bridge;

    @Inject
    RoomRepository rooms;

    @Inject
    RoomPolicies policies;

    @Inject
    AuditTrail audit;

    @Inject
    VisitStore visits;

    @Inject
    Clock clock;

    @Inject
    NodeDrain drain;

    @Inject
    SharedCalls shared;

    @Inject
    CallRunners runners;

    @Inject
    RemoteBridges remoteBridges;

    @Inject
    CascadePolicy cascade;

    @Inject
    CallRecorders recorders;

    @Inject
    RoomHostsOfRecord roomHosts;

    @Resource
    ManagedScheduledExecutorService executor;

    private InOrder visitWrites;
    private CallServices services;
    private CallFailover failover;
    private ScheduledFuture<?> runnerCheck;
    /** The server stops: calls are handed over or ended, none is started (a call started now would end its visit). */
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        visitWrites = new InOrder(executor);
        AuditedCallEvents events = new AuditedCallEvents(audit, executor, call -> failover.changed(call));
        services = new CallServices(clock, events, this::later, recorders, roomHosts);
        failover = new CallFailover(shared, runners, new InOrder(executor), this::reconnectGrace, events::takenOver);
        runnerCheck = executor.scheduleWithFixedDelay(this::checkRunners, RUNNER_CHECK_MILLIS, RUNNER_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Every 2 s: a call of this node that another node runs now (it took it over while this
     * one was cut off from it) goes from here ({@link CallFailover#handOverCallsRunElsewhere}).
     */
    private void checkRunners() {
        List<LiveCall> running;
        synchronized (calls) {
            running = List.copyOf(calls.values());
        }
        failover.handOverCallsRunElsewhere(running, this::letGo);
    }

    /** The call goes from this node without ending: its people reconnect to the node that runs it. */
    private void letGo(LiveCall call) {
        synchronized (calls) {
            if (!calls.remove(call.roomId(), call)) {
                return;
            }
        }
        call.handOver();
        try {
            bridge.get().expireConference(call.roomId());
        } catch (RuntimeException bridgeGone) {
            // stopping
        }
    }

    /** A staff member's connection: owner and hosts by right, any other staff member to the lobby. */
    public Connected connectStaff(StaffIdentity who, String clientAddress, String roomId, CallConnection connection) {
        return connectStaff(who, clientAddress, roomId, connection, Resume.NONE);
    }

    /** As above, taking a held place back when {@code resume} is that place's (docs/signaling.md, "Reconnecting"). */
    public Connected connectStaff(StaffIdentity who, String clientAddress, String roomId, CallConnection connection,
                                  Resume resume) {
        Room room = openRoom(roomId).orElseThrow(() -> new CallRefused("forbidden", "there is no open room " + roomId));
        if (!who.hasAnyRole()) {
            throw new CallRefused("forbidden", "your directory account has no Consilium role");
        }
        CallMember.Role role = room.roleOf(who.username())
                .map(r -> r == VisitRole.OWNER ? CallMember.Role.OWNER : CallMember.Role.HOST)
                .orElse(CallMember.Role.STAFF);
        List<String> roles = who.roles().stream().map(Role::roleName).sorted().toList();
        String username = who.username().value();
        return connect(room, new CallMember(newId(), username, username, who.displayName(), role, connection,
                roles, clientAddress), resume);
    }

    /**
     * A guest's connection, always to the lobby, and only to the room of their invitation.
     *
     * @param browser what tells this guest from others who opened the same invitation: their
     *                HTTP session's id (kept in memory only)
     */
    public Connected connectGuest(Guest guest, String browser, String clientAddress, String roomId,
                                  CallConnection connection) {
        return connectGuest(guest, browser, clientAddress, roomId, connection, Resume.NONE);
    }

    /** As above, taking a held place back when {@code resume} is that place's. */
    public Connected connectGuest(Guest guest, String browser, String clientAddress, String roomId,
                                  CallConnection connection, Resume resume) {
        if (!guest.room().toString().equals(roomId)) {
            throw new CallRefused("forbidden", "your invitation is for another room");
        }
        Room room = openRoom(roomId).orElseThrow(() -> new CallRefused("forbidden", "the room is closed"));
        CallMember member = new CallMember(newId(), guest.principalName(), guest.principalName() + " " + browser,
                guest.name().value(), CallMember.Role.GUEST, connection, List.of(), clientAddress);
        guest.notice().ifPresent(member::acknowledged);
        guest.consent().ifPresent(member::consented);
        return connect(room, member, resume);
    }

    /**
     * A tab back after the node that ran its call died: its HTTP session was there, so its
     * resume secret alone takes its place back ({@link LiveCall#resumeWithoutSession}), in the
     * call this node takes over if nobody has yet (docs/signaling.md, "Failover").
     *
     * @throws CallRefused {@code elsewhere} while the call still runs on another node (its death
     *                     not yet seen here: the browser tries again), {@code forbidden} when no
     *                     place is held for that secret
     */
    public Connected resumeWithoutSession(String roomId, String secret, CallConnection connection) {
        Room room = openRoom(roomId).orElseThrow(() -> new CallRefused("forbidden", "the room is closed"));
        refuseWhileStopping();
        LiveCall call;
        synchronized (calls) {
            call = calls.get(roomId);
            if (call == null) {
                call = failover.toTakeOver(roomId).map(copy -> newCall(room, Optional.of(copy)))
                        .orElseThrow(() -> new CallRefused("forbidden", "sign in or open your invitation first"));
            }
        }
        LiveCall found = call;
        return call.resumeWithoutSession(secret, connection).map(member -> new Connected(found, member))
                .orElseThrow(() -> new CallRefused("forbidden", "sign in or open your invitation first"));
    }

    /**
     * What a reconnecting browser presents: the secret its tab got in {@code joined} (null:
     * none) and whether it kept its peer connection (then its bridge endpoint stays).
     */
    public record Resume(String secret, boolean mediaKept) {
        public static final Resume NONE = new Resume(null, false);
        /** The longest text that can be a resume secret: anything longer is refused unread. */
        public static final int MAX_SECRET_LENGTH = ResumeSecret.MAX_LENGTH;
    }

    /** The connection ended: the member leaves (the call ends by itself once nobody is left and its visit has ended). */
    public void disconnected(Connected connected) {
        connected.call().disconnected(connected.member());
    }

    /** The connection dropped without a leave: the member's place is held for the reconnect grace period. */
    public void dropped(Connected connected) {
        connected.call().dropped(connected.member());
    }

    /** The call ends for this member, for a reason of the server's (their session ended: signed out). */
    public void endFor(Connected connected, String reason) {
        connected.call().endFor(connected.member(), reason);
    }

    /** A connected member and their call, what the signaling endpoint keeps per connection. */
    public record Connected(LiveCall call, CallMember member) {
    }

    /** A closed room's call ends for everyone, once the closing is committed (the visit ended with it). */
    void roomClosed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomClosed closed) {
        try {
            live(closed.room().toString()).ifPresent(call -> call.closeForEveryone("The room was closed.", VisitEnd.ROOM_CLOSED));
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not end the call of closed room {0}: {1}",
                    new Object[] {closed.room(), failed.getClass().getName()});
        }
    }

    /** Someone was named a host of a room or no longer is (committed here): its call here, if any, follows. */
    void hostsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomHostsChanged changed) {
        followHosts(changed.room().toString(), changed.who().value(), changed.host());
    }

    /**
     * {@code username} is a host of the room now, or no longer (changed on this node or another):
     * the room's call, if it runs here, follows.
     *
     * @return whether the call runs here
     */
    public boolean followHosts(String roomId, String username, boolean host) {
        Optional<LiveCall> call = live(roomId);
        call.ifPresent(running -> running.hostsChanged(username, host));
        return call.isPresent();
    }

    /** The cluster's members now: every call here lets go of the bridges of nodes that left (a cascade). */
    public void keepBridgesOf(java.util.Collection<String> nodes) {
        List<LiveCall> running;
        synchronized (calls) {
            running = List.copyOf(calls.values());
        }
        running.forEach(call -> call.keepBridgesOf(nodes));
    }

    /** News from another node's bridge for a member of this node's call of the room, if it still runs here. */
    public void relayedNews(String roomId, RelayedNews news) {
        live(roomId).ifPresent(call -> call.relayedNews(news));
    }

    Optional<LiveCall> live(String roomId) {
        synchronized (calls) {
            return Optional.ofNullable(calls.get(roomId));
        }
    }

    private Connected connect(Room room, CallMember member, Resume resume) {
        while (true) {
            LiveCall call = callOf(room);
            Optional<CallMember> connected = call.connect(member, resume.secret(), resume.mediaKept());
            if (connected.isPresent()) {
                return new Connected(call, connected.get());
            }
            forget(call); // it ended between the lookup and now: the room's next call takes the member
        }
    }

    /** The room's call here: the one going on, one taken over from a node that died, or a new one. */
    private LiveCall callOf(Room room) {
        refuseWhileStopping();
        synchronized (calls) {
            LiveCall live = calls.get(room.id().toString());
            if (live != null) {
                return live;
            }
            Optional<CallSnapshot> orphan = failover.toTakeOver(room.id().toString());
            if (orphan.isEmpty() && drain.draining()) {
                throw new CallRefused("draining", "this appliance is being taken out of service for maintenance "
                        + "and starts no new call; try again in a moment, or through another appliance");
            }
            return newCall(room, orphan);
        }
    }

    private void refuseWhileStopping() {
        if (stopping) {
            throw new CallRefused("elsewhere", "this appliance is stopping; try again in a moment");
        }
    }

    /** Under the registry's lock. A call taken over is shared again at once, as this node's. */
    private LiveCall newCall(Room room, Optional<CallSnapshot> takenOver) {
        String id = room.id().toString();
        LiveCall call = new LiveCall(new CallRoom(id, room.displayName(), room.shownToGuests(), room.maxParticipants(),
                room.lobbyEnabled()),
                limits(), reconnectGrace(), new CascadedCallMedia(id, bridge.get().conference(id), remoteBridges,
                        cascade::bridgeFor), new VisitRecord(room.id(), visits, visitWrites),
                services, this::forget);
        takenOver.ifPresent(call::adopt);
        calls.put(id, call);
        takenOver.ifPresent(copy -> failover.changed(call));
        return call;
    }

    /** The room policy's reconnect grace if it sets one, else the configuration's; read as a call starts. */
    private Duration reconnectGrace() {
        try {
            return policies.current().reconnectGrace().orElseGet(() -> ReconnectGrace.current().period());
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Could not read the room policy, using the configured reconnect grace: {0}",
                    unreadable.getClass().getName());
            return ReconnectGrace.current().period();
        }
    }

    /** The room policy's call limits where it sets them, else the configuration's; read as a call starts. */
    private CallLimits limits() {
        try {
            RoomPolicy policy = policies.current();
            return CallLimits.current(policy.emptyRoomTimeout(), policy.maxVisitLength());
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Could not read the room policy, using the configured call limits: {0}",
                    unreadable.getClass().getName());
            return CallLimits.current();
        }
    }

    /** The call is over: it goes, and its bridge conference (empty by now) with it, before the room's next call. */
    private void forget(LiveCall call) {
        synchronized (calls) {
            if (calls.remove(call.roomId(), call)) {
                failover.over(call);
                try {
                    bridge.get().expireConference(call.roomId());
                } catch (RuntimeException bridgeGone) {
                    // the bridge is closed or closing: nothing left to expire
                }
            }
        }
    }

    private CallTimers.Timer later(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> pending = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "A call timer failed: {0}", failed.getClass().getName());
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> pending.cancel(false);
        } catch (RejectedExecutionException shuttingDown) {
            return () -> { };
        }
    }

    private Optional<Room> openRoom(String roomId) {
        try {
            return rooms.find(RoomId.parse(roomId)).filter(Room::isOpen);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The server stops: everyone is disconnected (closing the web module has usually done
     * that already, and their leaves are written while the writes still run). The visits
     * stay open for the rooms' next visits to end ({@link LiveCall#serverStopping}). With
     * other nodes in the cluster the calls are handed over instead ({@link LiveCall#handOver}):
     * no leave is written, and the node the browsers reach next takes each call over.
     */
    @PreDestroy
    void endAll() {
        stopping = true;
        if (runnerCheck != null) {
            runnerCheck.cancel(false);
        }
        List<LiveCall> live;
        synchronized (calls) {
            live = List.copyOf(calls.values());
            calls.clear();
        }
        if (!live.isEmpty() && failover.othersCanTakeOver()) {
            LOG.info(() -> "Stopping: " + live.size() + " call(s) handed over to the cluster (the browsers reconnect)");
            live.forEach(LiveCall::handOver);
        } else {
            live.forEach(LiveCall::serverStopping);
        }
        try {
            visitWrites.awaitQuiet(SHUTDOWN_WRITES_MILLIS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
