package org.consilium.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.consilium.infrastructure.persistence.SchemaMigrations;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and its schema has been migrated to this build's version. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Inject
    SchemaMigrations migrations;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        String schemaVersion = migrations.schemaVersion();
        if (schemaVersion == null) {
            return response.down().withData("reason", "schema migrations have not completed").build();
        }
        response.withData("schema", schemaVersion);
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return response.down().withData("reason", "database connection did not validate").build();
            }
            return response.up().build();
        } catch (SQLException unreachable) {
            return response.down().withData("reason", "database unreachable: " + unreachable.getMessage()).build();
        }
    }
}
