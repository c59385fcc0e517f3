package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the videobridge's media port is open and its receive loop runs.
 * Reports the port (what the firewall must open), the addresses browsers are told to send
 * media to (comma-separated), and how many conferences and endpoints the bridge holds;
 * when DOWN, why (the port could not be opened: taken, or an address this host does not
 * have; the receive loop has ended; the application is not deployed).
 */
@Readiness
@ApplicationScoped
public class MediaReadiness implements HealthCheck {

    @Inject
    MediaProbe probe;

    @Override
    public HealthCheckResponse call() {
        MediaProbe.Finding finding = probe.probe();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("media");
        finding.status().ifPresent(status -> {
            response.withData("port", status.mediaAddress().getPort())
                    .withData("advertisedAddresses", status.advertisedAddresses().stream()
                            .map(InetAddress::getHostAddress).collect(Collectors.joining(",")))
                    .withData("conferences", status.conferences())
                    .withData("endpoints", status.endpoints());
            status.tcpMediaAddress().ifPresent(tcp -> response.withData("tcpPort", tcp.getPort()));
        });
        return finding.problem()
                .map(reason -> response.down().withData("reason", reason))
                .orElseGet(response::up)
                .build();
    }
}
