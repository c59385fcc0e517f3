package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the database answers and its schema has been migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseProbe probe;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        DatabaseProbe.Finding finding = probe.probe();
        finding.schemaVersion().ifPresent(version -> response.withData("schema", version));
        return finding.problem()
                .map(reason -> response.down().withData("reason", reason))
                .orElseGet(response::up)
                .build();
    }
}
