package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.ConsentToTreatRepository;

/** {@link ConsentToTreatRepository} on the table {@code consent_to_treat} (migration V22): one row per version. */
@ApplicationScoped
public class JdbcConsentToTreatRepository implements ConsentToTreatRepository {

    private static final GuestNoticeTable<ConsentToTreat> TABLE = new GuestNoticeTable<>("consent_to_treat",
            "the consent to treat", ConsentToTreat.DEFAULT_TEXT, ConsentToTreat::new);

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public ConsentToTreat current() {
        return TABLE.current(dataSource);
    }

    @Override
    public ConsentToTreat save(String text, String changedBy, Instant changedAt) {
        return TABLE.save(dataSource, text, changedBy, changedAt);
    }

    /** Writes version 1, the default text, when there is no version yet (right after the migrations). */
    static void seed(Connection connection) throws SQLException {
        TABLE.seed(connection);
    }
}
