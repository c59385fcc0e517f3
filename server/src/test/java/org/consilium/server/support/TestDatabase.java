package org.consilium.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The test PostgreSQL, as the server's own role: to read the audit trail and set up what HTTP cannot. */
public final class TestDatabase {

    public static final String URL = System.getProperty("consilium.it.db.url");

    private TestDatabase() {
    }

    /** The role the server uses. */
    public static Connection asServer() throws SQLException {
        return DriverManager.getConnection(URL, "consilium", "");
    }

    public static long lastAuditSequence() throws SQLException {
        try (Connection db = asServer();
             ResultSet rows = db.createStatement().executeQuery("select coalesce(max(sequence), 0) from audit_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The audit events after {@code sequence}, in order, each as its {@code columns} joined by spaces. */
    public static List<String> auditAfter(long sequence, String... columns) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection db = asServer();
             PreparedStatement query = db.prepareStatement("select " + String.join(", ", columns)
                     + " from audit_event where sequence > ? order by sequence")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StringBuilder event = new StringBuilder();
                    for (int c = 1; c <= columns.length; c++) {
                        event.append(c > 1 ? " " : "").append(rows.getString(c));
                    }
                    events.add(event.toString());
                }
            }
        }
        return events;
    }
}
