package org.consilium.infrastructure.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.consilium.application.call.CallRunners;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * {@link CallRunners} in the table {@code call_runner} (V14), with the database's own clock
 * (nodes' clocks may differ). PostgreSQL only: on the development database (H2, one node,
 * no cluster) nothing is recorded and nothing is ever run elsewhere.
 */
@ApplicationScoped
public class DatabaseCallRunners implements CallRunners {

    /** A claim refreshed within this long is a live node's (the runner refreshes every 2 s). */
    static final Duration FRESH = Duration.ofSeconds(10);

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource database;

    @Inject
    ClusterMembership membership;

    private volatile Boolean postgres;

    @Override
    public void claim(VisitId visit) {
        run(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("insert into call_runner (visit_id, node, seen_at)"
                    + " select ?, ?, current_timestamp where exists (select 1 from visit where id = ?)"
                    + " on conflict (visit_id) do update set node = excluded.node, seen_at = excluded.seen_at")) {
                claim.setObject(1, visit.value());
                claim.setString(2, node());
                claim.setObject(3, visit.value());
                claim.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Set<VisitId> stillRunning(Collection<VisitId> visits) {
        Set<VisitId> lost = new HashSet<>();
        run(connection -> {
            try (PreparedStatement refresh = connection.prepareStatement("insert into call_runner (visit_id, node, seen_at)"
                    + " select ?, ?, current_timestamp where exists (select 1 from visit where id = ?)"
                    + " on conflict (visit_id) do update set seen_at = excluded.seen_at"
                    + " where call_runner.node = excluded.node");
                 PreparedStatement runner = connection.prepareStatement(
                         "select node from call_runner where visit_id = ?")) {
                for (VisitId visit : visits) {
                    refresh.setObject(1, visit.value());
                    refresh.setString(2, node());
                    refresh.setObject(3, visit.value());
                    if (refresh.executeUpdate() == 0 && claimedElsewhere(runner, visit)) {
                        lost.add(visit);
                    }
                }
            }
            return null;
        });
        return lost;
    }

    @Override
    public boolean runningElsewhere(RoomId room) {
        Boolean elsewhere = run(connection -> {
            try (PreparedStatement query = connection.prepareStatement("select 1 from call_runner r"
                    + " join visit v on v.id = r.visit_id where v.room_id = ? and v.ended_at is null and r.node <> ?"
                    + " and r.seen_at > current_timestamp - make_interval(secs => ?)")) {
                query.setObject(1, room.value());
                query.setString(2, node());
                query.setLong(3, FRESH.toSeconds());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
        return Boolean.TRUE.equals(elsewhere);
    }

    /** A visit not yet written (its start is on its way) has no claim: not lost. */
    private boolean claimedElsewhere(PreparedStatement runner, VisitId visit) throws SQLException {
        runner.setObject(1, visit.value());
        try (ResultSet rows = runner.executeQuery()) {
            return rows.next() && !rows.getString(1).equals(node());
        }
    }

    private String node() {
        return membership.view().localMember();
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            if (postgres == null) {
                postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            }
            return postgres ? work.on(connection) : null;
        } catch (SQLException unreachable) {
            throw new IllegalStateException("could not read or record which node runs a call: " + unreachable.getMessage(),
                    unreachable);
        }
    }
}
