package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/** {@link PrivacyNoticeRepository} on the table {@code privacy_notice} (migration V15): one row per version. */
@ApplicationScoped
public class JdbcPrivacyNoticeRepository implements PrivacyNoticeRepository {

    private static final VersionedTextTable TABLE = new VersionedTextTable("privacy_notice");

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
            return notice(TABLE.save(connection, text, changedBy, changedAt));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the privacy notice", failed);
        }
    }

    /** Writes version 1, the default text, when there is no version yet (right after the migrations). */
    static void seed(Connection connection) throws SQLException {
        TABLE.seed(connection, row(PrivacyNotice.of(1, PrivacyNotice.DEFAULT_TEXT, Instant.now(), "system")));
    }

    private static VersionedTextTable.Row row(PrivacyNotice notice) {
        return new VersionedTextTable.Row(notice.version(), notice.text(), notice.sha256(), notice.changedAt(),
                notice.changedBy());
    }

    private static Optional<PrivacyNotice> latest(Connection connection) throws SQLException {
        return TABLE.latest(connection).map(JdbcPrivacyNoticeRepository::notice);
    }

    private static PrivacyNotice notice(VersionedTextTable.Row row) {
        return new PrivacyNotice(row.version(), row.text(), row.sha256(), row.changedAt(), row.changedBy());
    }
}
