package org.consilium.infrastructure.admin;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.consilium.application.admin.Dashboard;
import org.consilium.application.admin.NodeDrain;
import org.consilium.application.call.SharedCalls;
import org.consilium.application.admin.SystemProbes;
import org.consilium.domain.cluster.ClusterView;
import org.consilium.health.DatabaseProbe;
import org.consilium.health.DirectoryProbe;
import org.consilium.health.HsmProbe;
import org.consilium.health.MediaProbe;
import org.consilium.hsm.HsmStatus;
import org.consilium.infrastructure.cluster.BridgeRegistry;
import org.consilium.infrastructure.cluster.ClusterMembership;
import org.consilium.infrastructure.media.MediaBridge;
import org.consilium.videobridge.BridgeStatus;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.stats.TransportCounters;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The dashboard's figures on a running server: the readiness probes of the {@code health}
 * library (the very ones /health/ready calls), the videobridge's transport counters, the
 * visits going on from the database (the durable record: every node's visits, not only
 * this node's calls), this node's name and cluster view ({@link ClusterMembership}), and the
 * appliance firewall's count of refused outbound packets ({@link FirewallCountFile}).
 */
@ApplicationScoped
public class ServerSystemProbes implements SystemProbes {

    private static final Logger LOG = Logger.getLogger(ServerSystemProbes.class.getName());
    private static final String ACTIVE_VISITS = "select v.id, v.room_id, r.display_name, r.kind, v.started_at, p.role, "
            + "count(p.id) from visit v join room r on r.id = v.room_id "
            + "left join visit_participant p on p.visit_id = v.id and p.left_at is null "
            + "where v.ended_at is null "
            + "group by v.id, v.room_id, r.display_name, r.kind, v.started_at, p.role "
            + "order by v.started_at desc, v.id";

    @Inject
    DatabaseProbe database;

    @Inject
    DirectoryProbe directory;

    @Inject
    HsmProbe hsm;

    @Inject
    MediaProbe media;

    @Inject
    MediaBridge bridge;

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Inject
    FirewallCountFile firewallCount;

    @Inject
    ClusterMembership membership;

    @Inject
    BridgeRegistry registry;

    @Inject
    NodeDrain drain;

    @Inject
    SharedCalls calls;

    @Override
    public List<Dashboard.Health> health() {
        List<Dashboard.Health> checks = new ArrayList<>();
        DatabaseProbe.Finding db = database.probe();
        checks.add(new Dashboard.Health("database", db.problem().isEmpty(),
                db.problem().orElseGet(() -> "schema version " + db.schemaVersion().orElse("?"))));
        Optional<String> ldap = directory.problem();
        checks.add(new Dashboard.Health("directory", ldap.isEmpty(), ldap.orElseGet(directory::url)));
        HsmProbe.Finding token = hsm.probe();
        HsmStatus status = token.status();
        checks.add(new Dashboard.Health("hsm", status.ready(), status.ready()
                ? "logged in, KEK version " + status.currentKekVersion() + ", " + token.token()
                : String.join("; ", status.problems())));
        MediaProbe.Finding bridgeFinding = media.probe();
        checks.add(new Dashboard.Health("media", bridgeFinding.problem().isEmpty(), bridgeFinding.problem()
                .orElseGet(() -> bridgeFinding.status().map(ServerSystemProbes::where).orElse("running"))));
        return checks;
    }

    private static String where(BridgeStatus status) {
        return "UDP port " + status.mediaAddress().getPort()
                + status.tcpMediaAddress().map(tcp -> ", TCP port " + tcp.getPort()).orElse("");
    }

    @Override
    public List<Dashboard.ActiveVisit> activeVisits(int limit) {
        record Key(String visitId, String roomId, String roomName, String kind, OffsetDateTime startedAt) {
        }
        Map<Key, Map<String, Integer>> visits = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ACTIVE_VISITS)) {
            select.setQueryTimeout(5);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Key key = new Key(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class));
                    if (!visits.containsKey(key) && visits.size() >= limit) {
                        break;
                    }
                    Map<String, Integer> byRole = visits.computeIfAbsent(key, k -> new TreeMap<>());
                    String role = rows.getString(6);
                    if (role != null) {
                        byRole.merge(role.toLowerCase(java.util.Locale.ROOT), rows.getInt(7), Integer::sum);
                    }
                }
            }
        } catch (SQLException failed) {
            LOG.log(Level.WARNING, "Could not read the visits going on", failed);
            return List.of();
        }
        List<Dashboard.ActiveVisit> out = new ArrayList<>();
        visits.forEach((key, byRole) -> out.add(new Dashboard.ActiveVisit(key.visitId(), key.roomId(), key.roomName(),
                key.kind().toLowerCase(java.util.Locale.ROOT), key.startedAt().toInstant(), byRole, nodeOf(key.roomId()))));
        return out;
    }

    /** The node that runs the room's call, from the cluster's copy of it; empty when there is none. */
    private String nodeOf(String roomId) {
        try {
            return calls.find(roomId, java.time.Duration.ZERO).map(shared -> shared.snapshot().owner()).orElse("");
        } catch (RuntimeException unavailable) {
            return "";
        }
    }

    @Override
    public Optional<Dashboard.Media> media() {
        BridgeStatus status = bridge.status();
        if (!status.running()) {
            return Optional.empty();
        }
        Videobridge running;
        try {
            running = bridge.videobridge();
        } catch (IllegalStateException notRunning) {
            return Optional.empty();
        }
        TransportCounters counters = running.counters();
        List<Dashboard.Drop> drops = new ArrayList<>();
        counters.dropsByReason().forEach((reason, count) -> drops.add(new Dashboard.Drop("port", reason.name(), count)));
        running.endpointDrops().forEach((reason, count) -> drops.add(new Dashboard.Drop("endpoint", reason.name(), count)));
        return Optional.of(new Dashboard.Media(status.conferences(), status.endpoints(), counters.packetsIn(),
                counters.bytesIn(), counters.packetsOut(), counters.bytesOut(), drops, counters.sendFailures()));
    }

    @Override
    public Dashboard.Node node() {
        String nodeId = ConfigProvider.getConfig().getOptionalValue("consilium.node.id", String.class)
                .orElse("consilium-1");
        ClusterView cluster = membership.view();
        return new Dashboard.Node(cluster.localMember(), nodeId, cluster.members(), cluster.coordinator(),
                cluster.expectedPeers(), registry.bridges(), drain.drainingSince(), membership.recentChanges());
    }

    @Override
    public Optional<Dashboard.RefusedEgress> refusedEgress() {
        return firewallCount.read();
    }
}
