package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/** {@link PrivacyNoticeRepository} on the table {@code privacy_notice} (migration V15): one row per version. */
@ApplicationScoped
public class JdbcPrivacyNoticeRepository implements PrivacyNoticeRepository {

    private static final GuestNoticeTable<PrivacyNotice> TABLE = new GuestNoticeTable<>("privacy_notice",
            "the privacy notice", PrivacyNotice.DEFAULT_TEXT, PrivacyNotice::new);

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public PrivacyNotice current() {
        return TABLE.current(dataSource);
    }

    @Override
    public PrivacyNotice save(String text, String changedBy, Instant changedAt) {
        return TABLE.save(dataSource, text, changedBy, changedAt);
    }

    /** Writes version 1, the default text, when there is no version yet (right after the migrations). */
    static void seed(Connection connection) throws SQLException {
        TABLE.seed(connection);
    }
}
