package org.consilium.web.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallRefusals;
import org.consilium.application.call.CallRefused;
import org.consilium.application.call.CallRegistry;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.consilium.domain.room.Guest;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.GroupMembershipMergeEvent;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * Signaling for calls that run on another node of the cluster (docs/architecture.md,
 * "Placement"). The browser keeps its one WebSocket to the node it reached (the front: the
 * shared address's holder), which checks each message as usual and hands it to the node that
 * runs the call (the owner) over WildFly's command dispatcher on the cluster's channel; the
 * call's messages come back the same way. Media goes straight between the browser and the
 * owner's bridge, whose address the owner's answer carries.
 *
 * <p>Each node is both: front for the WebSockets it holds, owner for the calls it runs. When
 * an owner leaves the cluster its fronts close their browsers' connections (1012), and the
 * browsers reconnect, to a call the front then takes over (docs/signaling.md, "Failover");
 * when a front leaves, its members' places are held as for any dropped connection.
 */
@ApplicationScoped
public class CallRouter implements GroupMembershipListener<GroupMember> {

    private static final Logger LOG = Logger.getLogger(CallRouter.class.getName());
    /** How long the front waits for the owner to connect a browser, and the owner for its own work. */
    private static final long WAIT_SECONDS = 10;

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/ee")
    CommandDispatcherFactory<GroupMember> factory;

    @Resource
    ManagedExecutorService executor;

    @Inject
    CallRegistry calls;

    @Inject
    CallRefusals refusals;

    private CommandDispatcher<GroupMember, CallRouter> dispatcher;
    private Registration listening;
    /** As the front: this node's connections to calls of other nodes, by link id. */
    private final Map<String, RoutedLink> fronts = new ConcurrentHashMap<>();
    /** As the owner: other nodes' connections to this node's calls, by link id. */
    private final Map<String, RoutedMember> members = new ConcurrentHashMap<>();

    /** Started with the application, so that other nodes reach this one's calls before anyone connects here. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        LOG.fine(() -> "Signaling router ready: " + dispatcher);
    }

    @PostConstruct
    void start() {
        dispatcher = factory.createCommandDispatcher("consilium-signaling", this, CallRouter.class.getClassLoader());
        listening = factory.getGroup().register(this);
    }

    @PreDestroy
    void stop() {
        listening.close();
        dispatcher.close();
    }

    // ---- the front: a browser's connection here, its call on another node

    /** A signed-in staff member's connection to the call {@code owner} runs. */
    CallLink openStaff(String owner, String roomId, StaffIdentity who, CallRegistry.Resume resume,
                       WebSocketConnection connection) {
        String[] roles = who.roles().stream().map(Role::name).toArray(String[]::new);
        return open(owner, roomId, connection, link -> new RouterCommands.Open(link, localName(), roomId,
                who.username().value(), who.displayName(), roles, null, null, resume.secret(), resume.mediaKept()));
    }

    /** A guest's connection to the call {@code owner} runs. */
    CallLink openGuest(String owner, String roomId, Guest guest, String browser, CallRegistry.Resume resume,
                       WebSocketConnection connection) {
        return open(owner, roomId, connection, link -> new RouterCommands.Open(link, localName(), roomId, null, null,
                null, guest, browser, resume.secret(), resume.mediaKept()));
    }

    /** A tab with no session here resuming its place with its secret ({@link CallRegistry#resumeWithoutSession}). */
    CallLink openWithSecret(String owner, String roomId, String secret, WebSocketConnection connection) {
        return open(owner, roomId, connection, link -> new RouterCommands.Open(link, localName(), roomId, null, null,
                null, null, null, secret, false));
    }

    /** @throws CallRefused as the owner refused, or {@link Unreachable} ({@code elsewhere}) when it did not answer */
    private CallLink open(String owner, String roomId, WebSocketConnection connection,
                          java.util.function.Function<String, RouterCommands.Open> opening) {
        GroupMember member = member(owner).orElseThrow(() -> elsewhere());
        String id = UUID.randomUUID().toString();
        RoutedLink link = new RoutedLink(id, roomId, connection,
                new OrderedSends(dispatcher, member, executor, failure -> ownerLost(id, failure)), () -> fronts.remove(id));
        fronts.put(id, link); // before the owner answers: the call's first messages may come first
        RouterCommands.Opened opened;
        try {
            opened = dispatcher.dispatchToMember(opening.apply(id), member).toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            fronts.remove(id);
            throw elsewhere();
        } catch (java.io.IOException | ExecutionException | TimeoutException | RuntimeException unreachable) {
            fronts.remove(id);
            LOG.log(Level.WARNING, "Could not reach {0}, which runs the call of room {1}: {2}",
                    new Object[] {owner, roomId, unreachable.toString()});
            throw elsewhere();
        }
        if (opened.refusedCode != null) {
            fronts.remove(id);
            throw new CallRefused(opened.refusedCode, opened.refusedText);
        }
        link.opened(opened);
        return link;
    }

    private static Unreachable elsewhere() {
        return new Unreachable();
    }

    /** The node that runs (or was chosen for) the call did not answer: try again, or start the call here if it is new. */
    static final class Unreachable extends CallRefused {
        private static final long serialVersionUID = 1L;

        Unreachable() {
            super("elsewhere", "this call is moving between appliances of the cluster; try again in a moment");
        }
    }

    /** A message of the owner's call for a browser here. */
    void deliver(String link, String json) {
        RoutedLink routed = fronts.get(link);
        if (routed != null) {
            routed.connection.sendText(json);
        }
    }

    /** The owner's call ends a browser's connection here (as a drop the page comes back from, with {@code reconnect}). */
    void close(String link, String reason, boolean reconnect) {
        RoutedLink routed = fronts.get(link);
        if (routed != null && reconnect) {
            routed.connection.closeToReconnect(reason);
        } else if (routed != null) {
            routed.connection.close(reason);
        }
    }

    /** The owner could not be reached, or lost the connection: the browser reconnects (and finds the call again). */
    private void ownerLost(String link, Throwable failure) {
        RoutedLink routed = fronts.remove(link);
        if (routed != null) {
            LOG.info(() -> "Signaling to " + routed.owner() + " for room " + routed.roomId + " failed ("
                    + failure.getClass().getSimpleName() + "): the browser reconnects");
            routed.connection.closeAtOnce(CloseReason.CloseCodes.SERVICE_RESTART, "moved");
        }
    }

    // ---- the owner: a call here, a browser's connection on another node

    /** Run on the owner, on the dispatcher's thread: the work is done on the server's executor, with its context. */
    RouterCommands.Opened opening(RouterCommands.Open open) {
        return onExecutor(() -> {
            GroupMember front = member(open.front).orElseThrow(() -> new CallRefused("elsewhere", "gone"));
            RoutedMember member = new RoutedMember(open.link, new OrderedSends(dispatcher, front, executor,
                    failure -> frontLost(open.link, failure)));
            CallRegistry.Resume resume = open.secret == null ? CallRegistry.Resume.NONE
                    : new CallRegistry.Resume(open.secret, open.mediaKept);
            try {
                CallRegistry.Connected connected;
                if (open.guest != null) {
                    connected = calls.connectGuest(open.guest, open.browser, null, open.roomId, member, resume);
                } else if (open.username != null) {
                    Set<Role> roles = java.util.Arrays.stream(open.roles).map(Role::valueOf).collect(Collectors.toSet());
                    connected = calls.connectStaff(new StaffIdentity(new Username(open.username), open.displayName, roles),
                            null, open.roomId, member, resume);
                } else {
                    connected = calls.resumeWithoutSession(open.roomId, open.secret, member);
                }
                member.connected(connected);
                members.put(open.link, member);
                if (member(open.front).isEmpty()) { // the front left meanwhile
                    frontLost(open.link, new IllegalStateException("the front left"));
                }
                CallMember who = connected.member();
                return new RouterCommands.Opened(null, null, who.principal(), who.roles().toArray(String[]::new),
                        who.clientAddress());
            } catch (CallRefused refused) {
                return new RouterCommands.Opened(refused.code(), refused.getMessage(), null, null, null);
            }
        });
    }

    /** A browser's message, for a call here. */
    void message(String link, String json) {
        RoutedMember member = members.get(link);
        if (member == null) {
            throw new IllegalStateException("no such connection here"); // the front closes it; the browser reconnects
        }
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            message = reader.readObject();
        }
        CallRegistry.Connected connected = member.connected();
        onExecutor(() -> {
            CallCommands.apply(connected, message, member, (reason, attempted) ->
                    refusals.refused(link, LocalLink.refusalOf(connected, reason, attempted)));
            return null;
        });
    }

    /** A browser's connection to a call here ended at its front. */
    void closed(String link, String how) {
        RoutedMember member = members.remove(link);
        if (member == null) {
            return;
        }
        onExecutor(() -> {
            switch (how) {
                case "left" -> calls.disconnected(member.connected());
                case "signed-out" -> calls.endFor(member.connected(), "You signed out.");
                default -> calls.dropped(member.connected());
            }
            refusals.closed(link);
            return null;
        });
    }

    /** The front could not be reached: as a dropped connection, the place is held for the browser's reconnect. */
    private void frontLost(String link, Throwable failure) {
        RoutedMember member = members.remove(link);
        if (member != null) {
            LOG.info(() -> "Signaling from " + member.front() + " lost (" + failure.getClass().getSimpleName()
                    + "): the place is held for the reconnect");
            calls.dropped(member.connected());
            refusals.closed(link);
        }
    }

    // ---- both

    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        membersNow(event.getCurrentMembership().getMembers().stream().map(GroupMember::getName).collect(Collectors.toSet()));
    }

    @Override
    public void merged(GroupMembershipMergeEvent<GroupMember> event) {
        membersNow(event.getCurrentMembership().getMembers().stream().map(GroupMember::getName).collect(Collectors.toSet()));
    }

    /** Off the group's thread: connections through nodes that left end (fronts) or are held (owners). */
    private void membersNow(Set<String> names) {
        executor.execute(() -> {
            fronts.values().stream().filter(link -> !names.contains(link.owner())).toList()
                    .forEach(link -> ownerLost(link.id, new IllegalStateException(link.owner() + " left the cluster")));
            members.values().stream().filter(member -> !names.contains(member.front())).toList()
                    .forEach(member -> frontLost(member.link, new IllegalStateException(member.front() + " left")));
        });
    }

    private Optional<GroupMember> member(String name) {
        return factory.getGroup().getMembership().getMembers().stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    private String localName() {
        return factory.getGroup().getLocalMember().getName();
    }

    private <T> T onExecutor(java.util.concurrent.Callable<T> work) {
        try {
            return executor.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        } catch (TimeoutException slow) {
            throw new IllegalStateException("took over " + WAIT_SECONDS + " s");
        }
    }
}
