package org.consilium.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tells whether the database answers and which schema version the migrations reached
 * (read from Flyway's history table, so a database that was never migrated is not ready).
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final int TIMEOUT_SECONDS = 2;
    /** Quoted: Flyway creates its table in lower case, which H2 would otherwise upper-case. */
    private static final String SCHEMA_VERSION =
            "select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null "
                    + "order by \"installed_rank\" desc";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    /** What the probe found: the schema version, or why the database cannot serve. */
    public record Finding(Optional<String> schemaVersion, Optional<String> problem) {
    }

    public Finding probe() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery(SCHEMA_VERSION)) {
                return rows.next()
                        ? new Finding(Optional.of(rows.getString(1)), Optional.empty())
                        : new Finding(Optional.empty(), Optional.of("schema migrations have not run"));
            }
        } catch (SQLException unreachable) {
            return new Finding(Optional.empty(), Optional.of("database unavailable: " + unreachable.getMessage()));
        }
    }
}
