package org.consilium.server.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.consilium.server.support.TestDatabase;

/** Direct access to the test PostgreSQL: as the server's role, and as a superuser playing the attacker. */
final class AuditDatabase {

    private AuditDatabase() {
    }

    /** The role the server uses. */
    static Connection asServer() throws SQLException {
        return TestDatabase.asServer();
    }

    /** A superuser with triggers off for the session: someone with the database's keys. */
    static Connection asAttacker() throws SQLException {
        Connection connection = DriverManager.getConnection(TestDatabase.URL, "postgres", "");
        try (var statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        return connection;
    }

    static long lastSequence() throws SQLException {
        return TestDatabase.lastAuditSequence();
    }

    /** (action, actor, outcome, details, client address) of the events after {@code sequence}, in order. */
    static List<String> eventsAfter(long sequence) throws SQLException {
        return TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "details", "client_address");
    }
}
