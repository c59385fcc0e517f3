package org.consilium.infrastructure.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.domain.audit.AuditCriteria;
import org.consilium.domain.audit.AuditLog;

/** {@link AuditLog} on the tables of migration V2 (see docs/audit.md). */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {

    private static final String EVENT_COLUMNS = "sequence, occurred_at, actor, actor_roles, client_address, action, "
            + "target, outcome, details, previous_hash, hash";
    /** Rows fetched per round trip when reading a range (an export can hold millions). */
    private static final int FETCH_SIZE = 1000;

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public ChainHead lockHead() {
        return query("select last_sequence, last_hash from audit_chain_head where id = 1 for update",
                statement -> {
                }, rows -> {
                    if (!rows.next()) {
                        throw new IllegalStateException("the audit chain head row is missing");
                    }
                    return new ChainHead(rows.getLong(1), rows.getBytes(2));
                });
    }

    @Override
    public void append(AuditRecord record) {
        update("insert into audit_event (" + EVENT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setLong(1, record.sequence());
            statement.setTimestamp(2, Timestamp.from(record.occurredAt()));
            statement.setString(3, record.actor());
            statement.setString(4, String.join(",", record.actorRoles()));
            statement.setString(5, record.clientAddress());
            statement.setString(6, record.action());
            statement.setString(7, record.target());
            statement.setString(8, record.outcome());
            statement.setString(9, toJson(record.details()));
            statement.setBytes(10, record.previousHash());
            statement.setBytes(11, record.hash());
        });
        int moved = update("update audit_chain_head set last_sequence = ?, last_hash = ? where id = 1 and last_sequence = ?",
                statement -> {
                    statement.setLong(1, record.sequence());
                    statement.setBytes(2, record.hash());
                    statement.setLong(3, record.sequence() - 1);
                });
        if (moved != 1) {
            throw new IllegalStateException("the audit chain moved under a held lock");
        }
    }

    @Override
    public void addCheckpoint(Checkpoint checkpoint) {
        update("insert into audit_checkpoint (sequence, created_at, chain_hash, key_id, signature) values (?, ?, ?, ?, ?)",
                statement -> {
                    statement.setLong(1, checkpoint.sequence());
                    statement.setTimestamp(2, Timestamp.from(checkpoint.createdAt()));
                    statement.setBytes(3, checkpoint.chainHash());
                    statement.setString(4, checkpoint.keyId());
                    statement.setBytes(5, checkpoint.signature());
                });
    }

    @Override
    public Optional<AuditRecord> record(long sequence) {
        return query("select " + EVENT_COLUMNS + " from audit_event where sequence = ?",
                statement -> statement.setLong(1, sequence),
                rows -> rows.next() ? Optional.of(record(rows)) : Optional.<AuditRecord>empty());
    }

    @Override
    public OptionalLong lastCheckpointSequence() {
        return query("select max(sequence) from audit_checkpoint", statement -> {
        }, rows -> {
            rows.next();
            long last = rows.getLong(1);
            return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
        });
    }

    @Override
    public void read(long first, long last, Consumer<AuditRecord> records, Consumer<Checkpoint> checkpoints) {
        // Two ordered cursors merged: each checkpoint right after the record it covers.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement events = connection.prepareStatement(
                     "select " + EVENT_COLUMNS + " from audit_event where sequence between ? and ? order by sequence");
             PreparedStatement signed = connection.prepareStatement(
                     "select sequence, created_at, chain_hash, key_id, signature from audit_checkpoint "
                             + "where sequence between ? and ? order by sequence")) {
            events.setFetchSize(FETCH_SIZE);
            events.setLong(1, first);
            events.setLong(2, last);
            signed.setLong(1, first);
            signed.setLong(2, last);
            try (ResultSet eventRows = events.executeQuery(); ResultSet checkpointRows = signed.executeQuery()) {
                Checkpoint pending = checkpointRows.next() ? checkpoint(checkpointRows) : null;
                while (eventRows.next()) {
                    AuditRecord record = record(eventRows);
                    records.accept(record);
                    while (pending != null && pending.sequence() <= record.sequence()) {
                        checkpoints.accept(pending);
                        pending = checkpointRows.next() ? checkpoint(checkpointRows) : null;
                    }
                }
                while (pending != null) {
                    checkpoints.accept(pending); // covers a record missing from the table: the verifier says so
                    pending = checkpointRows.next() ? checkpoint(checkpointRows) : null;
                }
            }
        } catch (SQLException failed) {
            throw new AuditStorageException("could not read the audit trail", failed);
        }
    }

    @Override
    public List<AuditRecord> after(long sequence, int max) {
        return query("select " + EVENT_COLUMNS + " from audit_event where sequence > ? order by sequence",
                statement -> {
                    statement.setLong(1, sequence);
                    statement.setMaxRows(max);
                }, rows -> {
                    List<AuditRecord> records = new java.util.ArrayList<>();
                    while (rows.next()) {
                        records.add(record(rows));
                    }
                    return records;
                });
    }

    @Override
    public long deliveredUpTo(String target) {
        return query("select last_sequence from audit_delivery where target = ?",
                statement -> statement.setString(1, target), rows -> rows.next() ? rows.getLong(1) : 0L);
    }

    @Override
    public void delivered(String target, long sequence, Instant at) {
        int moved = update("update audit_delivery set last_sequence = ?, updated_at = ? where target = ? and last_sequence < ?",
                statement -> {
                    statement.setLong(1, sequence);
                    statement.setTimestamp(2, Timestamp.from(at));
                    statement.setString(3, target);
                    statement.setLong(4, sequence);
                });
        if (moved == 0 && deliveredUpTo(target) == 0) {
            update("insert into audit_delivery (target, last_sequence, updated_at) values (?, ?, ?)", statement -> {
                statement.setString(1, target);
                statement.setLong(2, sequence);
                statement.setTimestamp(3, Timestamp.from(at));
            });
        }
    }

    @Override
    public SequenceRange range(Instant from, Instant to) {
        return query("select min(sequence), max(sequence) from audit_event where occurred_at >= ? and occurred_at < ?",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(from));
                    statement.setTimestamp(2, Timestamp.from(to));
                }, rows -> {
                    rows.next();
                    long first = rows.getLong(1);
                    return rows.wasNull() ? new SequenceRange(1, 0) : new SequenceRange(first, rows.getLong(2));
                });
    }

    /**
     * The time range becomes a range of sequences first (two lookups on the occurred_at
     * index: the first event at or after {@code from}, the last before {@code to}), so the
     * page is read by walking the primary key, or the (column, sequence) index of one
     * criterion (migration V8), backwards from the newest: the cost is that of one page,
     * however many millions of rows the period holds. The time condition stays in the
     * query, so the page is exact even if the clock once stepped back.
     */
    @Override
    public List<AuditRecord> search(AuditCriteria criteria, long before, int limit) {
        long low = criteria.from() == null ? 1 : boundary(
                "select sequence from audit_event where occurred_at >= ? order by occurred_at fetch first 1 rows only",
                criteria.from());
        long high = criteria.to() == null
                ? query("select coalesce(max(sequence), 0) from audit_event", statement -> {
                }, rows -> rows.next() ? rows.getLong(1) : 0L)
                : boundary("select sequence from audit_event where occurred_at < ? "
                        + "order by occurred_at desc fetch first 1 rows only", criteria.to());
        high = Math.min(high, before - 1);
        if (low <= 0 || high <= 0 || low > high) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select " + EVENT_COLUMNS + " from audit_event where sequence between ? and ?");
        List<Object> values = new java.util.ArrayList<>(List.of(low, high));
        if (criteria.from() != null) {
            sql.append(" and occurred_at >= ?");
            values.add(Timestamp.from(criteria.from()));
        }
        if (criteria.to() != null) {
            sql.append(" and occurred_at < ?");
            values.add(Timestamp.from(criteria.to()));
        }
        for (String[] column : new String[][] {{"actor", criteria.actor()}, {"action", criteria.action()},
                {"target", criteria.target()}, {"outcome", criteria.outcome()}}) {
            if (column[1] != null) {
                sql.append(" and ").append(column[0]).append(" = ?");
                values.add(column[1]);
            }
        }
        sql.append(" order by sequence desc fetch first ").append(Math.max(1, limit)).append(" rows only");
        try (Connection connection = dataSource.getConnection()) {
            customPlan(connection);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<AuditRecord> records = new java.util.ArrayList<>();
                    while (rows.next()) {
                        records.add(record(rows));
                    }
                    return records;
                }
            }
        } catch (SQLException failed) {
            throw new AuditStorageException("the audit trail is unavailable", failed);
        }
    }

    /**
     * On PostgreSQL, plans this transaction's statements for their actual values. The
     * driver prepares a statement on the server after a few uses, and PostgreSQL may then
     * switch to a generic plan that does not know which action or actor is asked for: it
     * guessed "one action in eight" and walked the primary key filtering a 1% action
     * (50 ms for a page over a million rows, where the (action, sequence) index takes
     * under 1 ms). SET LOCAL ends with the transaction, so the pooled connection keeps its
     * settings; outside a transaction nothing is changed.
     */
    private static void customPlan(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()
                && connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("set local plan_cache_mode = force_custom_plan");
            }
        }
    }

    /** The sequence the boundary query finds, 0 if none. */
    private long boundary(String sql, Instant at) {
        return query(sql, statement -> statement.setTimestamp(1, Timestamp.from(at)),
                rows -> rows.next() ? rows.getLong(1) : 0L);
    }

    @Override
    public Optional<Checkpoint> checkpointBefore(long sequence) {
        return query("select sequence, created_at, chain_hash, key_id, signature from audit_checkpoint "
                        + "where sequence < ? order by sequence desc fetch first 1 rows only",
                statement -> statement.setLong(1, sequence),
                rows -> rows.next() ? Optional.of(checkpoint(rows)) : Optional.<Checkpoint>empty());
    }

    @Override
    public OptionalLong checkpointAtOrAfter(long sequence) {
        return query("select min(sequence) from audit_checkpoint where sequence >= ?",
                statement -> statement.setLong(1, sequence), rows -> {
                    rows.next();
                    long found = rows.getLong(1);
                    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(found);
                });
    }

    private static AuditRecord record(ResultSet rows) throws SQLException {
        String roles = rows.getString(4);
        return new AuditRecord(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), rows.getString(5), rows.getString(6),
                rows.getString(7), rows.getString(8), fromJson(rows.getString(9)), rows.getBytes(10), rows.getBytes(11));
    }

    private static Checkpoint checkpoint(ResultSet rows) throws SQLException {
        return new Checkpoint(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getBytes(3), rows.getString(4),
                rows.getBytes(5));
    }

    static String toJson(Map<String, String> details) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        details.forEach(json::add);
        return json.build().toString();
    }

    static SortedMap<String, String> fromJson(String text) {
        SortedMap<String, String> details = new TreeMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                details.put(entry.getKey(), ((JsonString) entry.getValue()).getString());
            }
        }
        return details;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException failed) {
            throw new AuditStorageException("the audit trail is unavailable", failed);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException failed) {
            throw new AuditStorageException("the audit trail is unavailable", failed);
        }
    }
}
