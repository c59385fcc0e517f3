package org.consilium.infrastructure.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.consilium.application.call.CallRegistry;
import org.consilium.application.call.CascadeHost;
import org.consilium.application.call.RelayedNews;
import org.consilium.application.call.RemoteBridges;
import org.consilium.infrastructure.media.MediaBridge;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.sdp.InvalidSdpException;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * The cluster's bridges for conferences spread over several nodes (a cascade,
 * docs/architecture.md), over WildFly's command dispatcher on the cluster's channel. As the
 * node running a call it asks another node's bridge ({@link RemoteBridges}); as the other node
 * it does what it is asked on its own bridge: the conference's end of the relay from the node
 * that runs the call ({@code relay-from-<node>}) and the endpoints of the members placed here.
 */
@Singleton
@Startup
@Local(RemoteBridges.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DependsOn({"SchemaMigrations", "MediaBridge"}) // every startup bean after the migrations (StartupOrderTest)
public class ClusterBridges implements RemoteBridges, GroupMembershipListener<GroupMember> {

    /** A bridge answers in milliseconds; a node that takes this long is as good as gone for a call. */
    private static final long WAIT_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ClusterBridges.class.getName());

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/ee")
    CommandDispatcherFactory<GroupMember> factory;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MediaBridge media;

    @Inject
    CallRegistry calls;

    private CommandDispatcher<GroupMember, ClusterBridges> dispatcher;
    private CascadeHost host;
    private Registration listening;

    @PostConstruct
    void start() {
        host = new CascadeHost(media::videobridge, this::sendNews);
        dispatcher = factory.createCommandDispatcher("consilium-media", this, ClusterBridges.class.getClassLoader());
        listening = factory.getGroup().register(this);
    }

    @PreDestroy
    void stop() {
        listening.close();
        dispatcher.close();
    }

    /**
     * A node left: the calls here let go of its bridge (their members there connect again), and
     * what this bridge held for its calls goes (off the listener's thread).
     */
    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        java.util.Set<String> members = event.getCurrentMembership().getMembers().stream().map(GroupMember::getName)
                .collect(java.util.stream.Collectors.toSet());
        executor.execute(() -> {
            calls.keepBridgesOf(members);
            List<String> dropped = host.keepOnlyFor(members);
            if (!dropped.isEmpty()) {
                LOG.info(() -> "Dropped " + dropped.size() + " conference part(s) held for nodes that left the cluster");
            }
        });
    }

    // ---- as the node that runs the call

    @Override
    public LocalTransport acceptRelay(String node, String roomId, String ufrag, Fingerprint fingerprint) {
        return ask(node, new BridgeCommands.AcceptRelay(self(), roomId, ufrag, fingerprint.toSdpValue()))
                .toLocalTransport();
    }

    @Override
    public List<MediaSource> allocate(String node, String roomId, String memberId) {
        return ask(node, new BridgeCommands.Allocate(self(), roomId, memberId, false)).toList();
    }

    @Override
    public List<MediaSource> expire(String node, String roomId, String memberId) {
        return ask(node, new BridgeCommands.Allocate(self(), roomId, memberId, true)).toList();
    }

    @Override
    public Optional<Negotiated> negotiate(String node, String roomId, String memberId, String offer)
            throws InvalidSdpException {
        BridgeCommands.Negotiated result = ask(node, new BridgeCommands.Negotiate(self(), roomId, memberId, offer));
        if (result.sdpError != null) {
            throw new InvalidSdpException(result.sdpError);
        }
        if (!result.known) {
            return Optional.empty();
        }
        return Optional.of(new Negotiated(result.answer, result.receivesEverySource, result.slots.toMap(),
                result.relayed.toList()));
    }

    @Override
    public void constrain(String node, String roomId, String memberId, ReceiverConstraints constraints) {
        ask(node, new BridgeCommands.Constrain(self(), roomId, memberId, constraints));
    }

    @Override
    public Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(String node, String roomId, List<String> memberIds) {
        return ask(node, new BridgeCommands.SlotsNeeded(self(), roomId, memberIds)).toMap();
    }

    @Override
    public void relaySources(String node, String roomId, List<MediaSource> sources) {
        ask(node, new BridgeCommands.RelaySources(self(), roomId, sources));
    }

    @Override
    public void drop(String node, String roomId) {
        ask(node, new BridgeCommands.Drop(self(), roomId));
    }

    private <R> R ask(String node, BridgeCommands.Request<R> request) {
        GroupMember member = member(node)
                .orElseThrow(() -> new Unreachable(node, new IllegalStateException("not in the cluster")));
        try {
            return dispatcher.dispatchToMember(request, member).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unreachable(node, interrupted);
        } catch (java.io.IOException | ExecutionException | TimeoutException | RuntimeException failed) {
            throw new Unreachable(node, failed instanceof ExecutionException ? failed.getCause() : failed);
        }
    }

    private Optional<GroupMember> member(String node) {
        return factory.getGroup().getMembership().getMembers().stream().filter(m -> m.getName().equals(node)).findFirst();
    }

    /**
     * News for a member held here, to the node running its call: not waited for (the bridge's
     * thread sends it); one that does not arrive is replaced by the next.
     */
    private void sendNews(String owner, String roomId, RelayedNews news) {
        member(owner).ifPresent(to -> {
            try {
                dispatcher.dispatchToMember(new BridgeCommands.News(self(), roomId, news.memberId(), news.mid(),
                        news.message()), to);
            } catch (java.io.IOException | RuntimeException unsent) {
                LOG.fine(() -> "News for room " + roomId + " not sent to " + owner + ": " + unsent);
            }
        });
    }

    private String self() {
        return factory.getGroup().getLocalMember().getName();
    }

    // ---- as the node whose bridge holds part of another node's conference (dispatcher threads)

    BridgeCommands.Transport acceptingRelay(BridgeCommands.AcceptRelay request) {
        return onExecutor(() -> new BridgeCommands.Transport(host.acceptRelay(request.owner, request.roomId, request.ufrag,
                Fingerprint.parse(request.fingerprint))));
    }

    BridgeCommands.Sources allocating(BridgeCommands.Allocate request) {
        return onExecutor(() -> BridgeCommands.Sources.of(
                host.allocate(request.owner, request.roomId, request.memberId, request.expireOnly)));
    }

    BridgeCommands.Negotiated negotiating(BridgeCommands.Negotiate request) {
        return onExecutor(() -> {
            try {
                return host.negotiate(request.owner, request.roomId, request.memberId, request.offer)
                        .map(n -> new BridgeCommands.Negotiated(true, n.answer(), null, n.receivesEverySource(),
                                new BridgeCommands.Slots(n.slotsNeeded()), BridgeCommands.Sources.of(n.relayed())))
                        .orElseGet(() -> new BridgeCommands.Negotiated(false, null, null, false, null, null));
            } catch (InvalidSdpException refused) {
                return new BridgeCommands.Negotiated(true, null, refused.getMessage(), false, null, null);
            }
        });
    }

    Boolean constraining(BridgeCommands.Constrain request) {
        return onExecutor(() -> {
            host.constrain(request.owner, request.roomId, request.memberId, request.constraints());
            return Boolean.TRUE;
        });
    }

    BridgeCommands.SlotsByMember slotsNeeded(BridgeCommands.SlotsNeeded request) {
        return onExecutor(() -> new BridgeCommands.SlotsByMember(
                host.slotsNeeded(request.owner, request.roomId, List.of(request.memberIds))));
    }

    Boolean relayingSources(BridgeCommands.RelaySources request) {
        return onExecutor(() -> {
            host.relaySources(request.owner, request.roomId, request.sources.toList());
            return Boolean.TRUE;
        });
    }

    /** News from another node's bridge for a member of a call here: handed on, not waited for. */
    Boolean relayedNews(BridgeCommands.News news) {
        executor.execute(() -> calls.relayedNews(news.roomId, new RelayedNews(news.memberId, news.mid, news.message)));
        return Boolean.TRUE;
    }

    Boolean dropping(BridgeCommands.Drop request) {
        return onExecutor(() -> {
            host.drop(request.owner, request.roomId);
            return Boolean.TRUE;
        });
    }

    /** The dispatcher's thread waits while the server's executor does the work, with the server's context. */
    private <R> R onExecutor(Callable<R> work) {
        try {
            return executor.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        } catch (TimeoutException slow) {
            throw new IllegalStateException("the bridge did not answer in time", slow);
        }
    }
}
