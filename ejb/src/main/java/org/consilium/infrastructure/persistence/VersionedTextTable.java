package org.consilium.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.consilium.domain.room.VersionedNotice;

/**
 * A table of texts kept version by version ({@code version, text, sha256, changed_at,
 * changed_by}): the guests' privacy notice and the recording's consent notice
 * ({@link VersionedNotice}). Versions are only ever added.
 */
final class VersionedTextTable {

    /** One version as stored. */
    record Row(int version, String text, String sha256, Instant changedAt, String changedBy) {
    }

    private final String table;

    /** @param table a constant of this package, never input */
    VersionedTextTable(String table) {
        this.table = table;
    }

    Optional<Row> latest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select version, text, sha256, changed_at, "
                + "changed_by from " + table + " order by version desc fetch first 1 rows only");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Row(row.getInt(1), row.getString(2), row.getString(3).strip(),
                    row.getTimestamp(4).toInstant(), row.getString(5)));
        }
    }

    /** Locks the table, so that two administrators saving at once make two versions, one after the other. */
    void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select version from " + table + " for update")) {
            lock.executeQuery().close();
        }
    }

    /**
     * Stores {@code text} (cleaned already) as the next version, unless it is the latest
     * version's text already; in the caller's transaction, the table locked meanwhile.
     *
     * @return the version in force afterwards: the new one, or the latest when nothing changed
     */
    Row save(Connection connection, String text, String changedBy, Instant changedAt) throws SQLException {
        lock(connection);
        Optional<Row> latest = latest(connection);
        if (latest.isPresent() && latest.get().text().equals(text)) {
            return latest.get();
        }
        Row next = new Row(latest.map(row -> row.version() + 1).orElse(1), text, VersionedNotice.sha256(text),
                changedAt, changedBy);
        insert(connection, next);
        return next;
    }

    void insert(Connection connection, Row row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                + " (version, text, sha256, changed_at, changed_by) values (?, ?, ?, ?, ?)")) {
            insert.setInt(1, row.version());
            insert.setString(2, row.text());
            insert.setString(3, row.sha256());
            insert.setTimestamp(4, Timestamp.from(row.changedAt()));
            insert.setString(5, row.changedBy());
            insert.executeUpdate();
        }
    }

    /**
     * Writes {@code first} as version 1 when there is no version yet (right after the
     * migrations, with autocommit: two nodes starting at once may both try; one wins).
     */
    void seed(Connection connection, Row first) throws SQLException {
        if (latest(connection).isPresent()) {
            return;
        }
        try {
            insert(connection, first);
        } catch (SQLException anotherNodeWasFirst) {
            if (latest(connection).isEmpty()) {
                throw anotherNodeWasFirst;
            }
        }
    }
}
