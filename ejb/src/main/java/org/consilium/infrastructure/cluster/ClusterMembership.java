package org.consilium.infrastructure.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.cluster.ClusterChange;
import org.consilium.domain.cluster.ClusterView;
import org.consilium.health.ClusterStatusSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembership;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.GroupMembershipMergeEvent;
import org.wildfly.clustering.server.Registration;

/**
 * This node's place in the cluster, from WildFly's group membership of the {@code ee} channel.
 * Looking the group up is also what starts the channel: WildFly connects it only for a
 * deployment that uses it, so the node joins its peers when the application starts.
 *
 * <p>Every change of membership is logged on each node and audited once, by the coordinator
 * of the new view (on a split, by each side's): who joined, who left, who is in. The audit runs
 * off the listener's thread, which belongs to the group communication and must not wait on
 * the database.
 */
@Singleton
@Startup
@LocalBean // the application's view; the listener interface is not a business interface
@Local(ClusterStatusSource.class) // the readiness check's view (health library)
@DependsOn("SchemaMigrations") // it audits (StartupOrderTest)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMembership implements GroupMembershipListener<GroupMember>, ClusterStatusSource {

    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    @Resource(lookup = "java:jboss/clustering/server/group/ee")
    Group<GroupMember> group;

    @EJB
    AuditTrail trail;

    @Resource
    ManagedExecutorService executor;

    private final Clock clock = Clock.systemUTC();
    private int expectedPeers;
    private Registration registration;
    private volatile ClusterView view;
    /** The last {@value #HISTORY} changes of membership this node saw, newest last (the console's). */
    private final java.util.Deque<ClusterChange> history = new java.util.ArrayDeque<>();
    static final int HISTORY = 20;
    /** When each node that was a member and is not now left this node's view. */
    private final Map<String, Instant> departed = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        String self = config.getOptionalValue("consilium.cluster.bind-address", String.class).orElse("127.0.0.1")
                + "[" + config.getOptionalValue("consilium.cluster.port", Integer.class).orElse(7600) + "]";
        expectedPeers = ClusterPeers.othersThan(
                config.getOptionalValue("consilium.cluster.peers", String.class).orElse(""), self);
        view = viewOf(group.getMembership());
        registration = group.register(this);
        LOG.info(() -> "Cluster: " + describe(view));
    }

    @PreDestroy
    void stop() {
        if (registration != null) {
            registration.close();
        }
    }

    /** The cluster as this node sees it now. */
    public ClusterView view() {
        return view;
    }

    /** The last changes of membership this node saw since it started, newest first. */
    public List<ClusterChange> recentChanges() {
        synchronized (history) {
            List<ClusterChange> newestFirst = new java.util.ArrayList<>(history);
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        }
    }

    /** When {@code node} left this node's view, if it was in it and is not now (its calls may be taken over). */
    public Optional<Instant> departedAt(String node) {
        return Optional.ofNullable(departed.get(node));
    }

    @Override
    public ClusterStatus clusterStatus() {
        ClusterView now = view;
        return new ClusterStatus(now.members(), now.coordinator(), now.expectedPeers());
    }

    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        changed("view", event);
    }

    @Override
    public void split(GroupMembershipEvent<GroupMember> event) {
        changed("split", event);
    }

    @Override
    public void merged(GroupMembershipMergeEvent<GroupMember> event) {
        changed("merge", event);
    }

    private void changed(String change, GroupMembershipEvent<GroupMember> event) {
        ClusterView before = view;
        ClusterView now = viewOf(event.getCurrentMembership());
        before.members().stream().filter(node -> !now.members().contains(node))
                .forEach(node -> departed.put(node, now.since()));
        now.members().forEach(departed::remove);
        view = now;
        List<String> joined = names(event.getJoiners());
        List<String> left = names(event.getLeavers());
        LOG.info(() -> "Cluster " + change + ": joined " + joined + ", left " + left + "; " + describe(now));
        if (!joined.isEmpty() || !left.isEmpty() || !now.members().equals(before.members())) {
            synchronized (history) {
                history.addLast(new ClusterChange(now.since(), change, joined, left, now.members()));
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
        }
        // A merge attempt that changed nothing (say, with a node that has another secret and
        // cannot join) is no change of membership: logged, not audited. A healed partition is
        // audited by its coordinator even when that node never saw the other leave.
        boolean membershipChanged = !joined.isEmpty() || !left.isEmpty()
                || !Set.copyOf(now.members()).equals(Set.copyOf(before.members()))
                || !now.coordinator().equals(before.coordinator());
        if (!membershipChanged || !now.coordinating()) {
            return;
        }
        executor.execute(() -> {
            try {
                trail.record(AuditEvent.of(AuditAction.CLUSTER_CHANGED, AuditEvent.SYSTEM, List.of())
                        .target("cluster:" + group.getName())
                        .detail("change", change)
                        .detail("joined", String.join(",", joined))
                        .detail("left", String.join(",", left))
                        .detail("members", String.join(",", now.members()))
                        .build());
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Could not audit a change of the cluster's membership", failed);
            }
        });
    }

    private ClusterView viewOf(GroupMembership<GroupMember> membership) {
        return new ClusterView(group.getLocalMember().getName(), membership.getCoordinator().getName(),
                names(membership.getMembers()), expectedPeers, clock.instant());
    }

    private static List<String> names(Collection<GroupMember> members) {
        return members.stream().map(GroupMember::getName).toList();
    }

    private static String describe(ClusterView view) {
        return view.members().size() + " member(s) " + view.members() + ", coordinator " + view.coordinator()
                + (view.isolated() ? "; ALONE although " + view.expectedPeers()
                        + " peer(s) are configured (cluster secret, peer list, firewall?)" : "");
    }
}
