package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Nobody can sign in while the directory is unreachable, so the node is not ready. */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {

    @Inject
    DirectoryProbe probe;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("directory").withData("url", probe.url());
        return probe.problem()
                .map(reason -> response.down().withData("reason", reason))
                .orElseGet(response::up)
                .build();
    }
}
