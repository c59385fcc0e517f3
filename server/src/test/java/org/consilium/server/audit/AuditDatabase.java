package org.consilium.server.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct access to the test PostgreSQL: as the server's role, and as a superuser playing the attacker. */
final class AuditDatabase {

    private static final String URL = System.getProperty("consilium.it.db.url");

    private AuditDatabase() {
    }

    /** The role the server uses. */
    static Connection asServer() throws SQLException {
        return DriverManager.getConnection(URL, "consilium", "");
    }

    /** A superuser with triggers off for the session: someone with the database's keys. */
    static Connection asAttacker() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, "postgres", "");
        try (var statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        return connection;
    }

    static long lastSequence() throws SQLException {
        try (Connection db = asServer();
             ResultSet rows = db.createStatement().executeQuery("select coalesce(max(sequence), 0) from audit_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** (action, actor, outcome, details) of the events after {@code sequence}, in order. */
    static List<String> eventsAfter(long sequence) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection db = asServer();
             PreparedStatement query = db.prepareStatement(
                     "select action, actor, outcome, details, client_address from audit_event where sequence > ? order by sequence")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                            + rows.getString(4) + " " + rows.getString(5));
                }
            }
        }
        return events;
    }
}
