package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.consilium.application.kek.KekTally;
import org.consilium.application.kek.KekUsage;
import org.consilium.application.kek.NodeReport;

/** {@link KekUsage} on the table {@code kek_usage} (migration V18), and the recordings on record by node ({@code recording}, V16/V17). */
@ApplicationScoped
public class JdbcKekUsage implements KekUsage {

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String node, int currentVersion, KekTally envelopes, Instant checkedAt) {
        TreeSet<Integer> versions = new TreeSet<>(envelopes.envelopes().keySet());
        versions.add(currentVersion);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement("delete from kek_usage where node = ?")) {
                delete.setString(1, node);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into kek_usage "
                    + "(node, kek_version, envelopes, failed, current_version, checked_at) values (?, ?, ?, ?, ?, ?)")) {
                for (int version : versions) {
                    insert.setString(1, node);
                    insert.setInt(2, version);
                    insert.setLong(3, envelopes.under(version));
                    insert.setLong(4, envelopes.failed());
                    insert.setInt(5, currentVersion);
                    insert.setTimestamp(6, Timestamp.from(checkedAt));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not record the KEK usage of " + node, failed);
        }
    }

    @Override
    public List<NodeReport> reports() {
        Map<String, Row> nodes = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select node, kek_version, envelopes, failed, "
                     + "current_version, checked_at from kek_usage order by node, kek_version");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Row row = nodes.computeIfAbsent(rows.getString(1), n -> new Row());
                row.envelopes.put(rows.getInt(2), rows.getLong(3));
                row.failed = rows.getLong(4);
                row.currentVersion = rows.getInt(5);
                row.checkedAt = rows.getTimestamp(6).toInstant();
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the KEK usage", failed);
        }
        List<NodeReport> reports = new ArrayList<>();
        nodes.forEach((node, row) -> reports.add(new NodeReport(node, row.currentVersion, row.checkedAt,
                new KekTally(row.envelopes, row.failed))));
        return reports;
    }

    @Override
    public Map<String, Long> recordingsOnRecord() {
        Map<String, Long> byNode = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select node, count(*) from recording where shredded_at is null group by node");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                byNode.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not count the recordings on record", failed);
        }
        return byNode;
    }

    private static final class Row {
        final TreeMap<Integer, Long> envelopes = new TreeMap<>();
        long failed;
        int currentVersion;
        Instant checkedAt;
    }
}
