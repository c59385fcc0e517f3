package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/** {@link PrivacyNoticeRepository} on the table {@code privacy_notice} (migration V15): one row per version. */
@ApplicationScoped
public class JdbcPrivacyNoticeRepository implements PrivacyNoticeRepository {

    private static final String LATEST = "select version, text, sha256, changed_at, changed_by from privacy_notice "
            + "order by version desc fetch first 1 rows only";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public PrivacyNotice current() {
        try (Connection connection = dataSource.getConnection()) {
            return latest(connection).orElseGet(() -> PrivacyNotice.of(1, PrivacyNotice.DEFAULT_TEXT, Instant.EPOCH,
                    "system"));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the privacy notice", failed);
        }
    }

    @Override
    public PrivacyNotice save(String text, String changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection()) {
            // The table is locked so that two administrators saving at once make two versions, one after the other.
            try (PreparedStatement lock = connection.prepareStatement("select version from privacy_notice for update")) {
                lock.executeQuery().close();
            }
            Optional<PrivacyNotice> latest = latest(connection);
            if (latest.isPresent() && latest.get().text().equals(text)) {
                return latest.get();
            }
            PrivacyNotice next = PrivacyNotice.of(latest.map(n -> n.version() + 1).orElse(1), text, changedAt, changedBy);
            insert(connection, next);
            return next;
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the privacy notice", failed);
        }
    }

    /**
     * Writes version 1, the default text, when there is no version yet (right after the
     * migrations, with autocommit: two nodes starting at once may both try; one wins).
     */
    static void seed(Connection connection) throws SQLException {
        if (latest(connection).isPresent()) {
            return;
        }
        try {
            insert(connection, PrivacyNotice.of(1, PrivacyNotice.DEFAULT_TEXT, Instant.now(), "system"));
        } catch (SQLException anotherNodeWasFirst) {
            if (latest(connection).isEmpty()) {
                throw anotherNodeWasFirst;
            }
        }
    }

    private static void insert(Connection connection, PrivacyNotice notice) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into privacy_notice "
                + "(version, text, sha256, changed_at, changed_by) values (?, ?, ?, ?, ?)")) {
            insert.setInt(1, notice.version());
            insert.setString(2, notice.text());
            insert.setString(3, notice.sha256());
            insert.setTimestamp(4, Timestamp.from(notice.changedAt()));
            insert.setString(5, notice.changedBy());
            insert.executeUpdate();
        }
    }

    private static Optional<PrivacyNotice> latest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LATEST);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new PrivacyNotice(row.getInt(1), row.getString(2), row.getString(3).strip(),
                    row.getTimestamp(4).toInstant(), row.getString(5)));
        }
    }
}
