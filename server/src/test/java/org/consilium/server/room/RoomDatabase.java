package org.consilium.server.room;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.consilium.server.support.TestDatabase;

/** The test PostgreSQL, as the server's role: the audit trail to read, and rows to set up what HTTP cannot. */
final class RoomDatabase {

    private RoomDatabase() {
    }

    static Connection connect() throws SQLException {
        return TestDatabase.asServer();
    }

    static long lastAuditSequence() throws SQLException {
        return TestDatabase.lastAuditSequence();
    }

    /** "action actor outcome target details" of the events after {@code sequence}, in order. */
    static List<String> auditAfter(long sequence) throws SQLException {
        return TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
    }

    static int update(String sql, Object... parameters) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
