package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How soon the TLS certificate browsers get expires, and whether the console should warn
 * (within the Settings page's number of days, default 30).
 */
@ApplicationScoped
public class CertificateExpiry {

    @Inject
    ServerCertificate certificate;

    @Inject
    ApplianceSettingsInForce settings;

    @Inject
    Clock clock;

    /** @param daysLeft whole days until it expires (negative: expired) */
    public record Status(ServerCertificate.Presented certificate, long daysLeft, boolean warn) {
    }

    public Optional<Status> status() {
        return certificate.presented().map(this::of);
    }

    public Status of(ServerCertificate.Presented presented) {
        long days = Duration.between(clock.instant(), presented.notAfter()).toDays();
        return new Status(presented, days, days <= settings.tlsExpiryWarningDays());
    }
}
