package org.consilium.infrastructure.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import java.util.logging.Logger;
import org.consilium.application.call.CallRegistry;
import org.consilium.application.room.RoomHostsChanged;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;
import org.wildfly.clustering.server.dispatcher.RuntimeCommand;

/**
 * A room's change that its live call must follow wherever it runs: its hosts. The node that
 * made the change tells its own call (the registry observes the same event); this tells the
 * other nodes of the cluster, once the change is committed, over WildFly's command
 * dispatcher on the cluster's channel, and the node running the room's call follows
 * ({@link CallRegistry#followHosts}). Not waited for: a node that misses it gives the new
 * host their role when they connect again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@DependsOn("SchemaMigrations") // every startup bean after the migrations (StartupOrderTest)
public class ClusterRoomNews {

    private static final Logger LOG = Logger.getLogger(ClusterRoomNews.class.getName());

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/ee")
    CommandDispatcherFactory<GroupMember> factory;

    @Inject
    CallRegistry calls;

    private CommandDispatcher<GroupMember, CallRegistry> dispatcher;

    @PostConstruct
    void start() {
        dispatcher = factory.createCommandDispatcher("consilium-rooms", calls, ClusterRoomNews.class.getClassLoader());
    }

    @PreDestroy
    void stop() {
        dispatcher.close();
    }

    /** After the commit: every other node hears of it. */
    public void hostsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomHostsChanged changed) {
        try {
            dispatcher.dispatchToGroup(new HostsChanged(changed.room().toString(), changed.who().value(), changed.host()),
                    Set.of(factory.getGroup().getLocalMember()));
        } catch (IOException | RuntimeException unsent) {
            LOG.warning(() -> "The cluster was not told of room " + changed.room() + "'s hosts: " + unsent);
        }
    }

    /** Runs on each other node: its call of the room, if it runs there, follows. */
    static final class HostsChanged implements RuntimeCommand<Boolean, CallRegistry>, Serializable {
        private static final long serialVersionUID = 1L;
        final String roomId;
        final String username;
        final boolean host;

        HostsChanged(String roomId, String username, boolean host) {
            this.roomId = roomId;
            this.username = username;
            this.host = host;
        }

        @Override
        public Boolean execute(CallRegistry calls) {
            return calls.followHosts(roomId, username, host);
        }
    }
}
