package org.consilium.application.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.admin.ApplianceSettings;
import org.consilium.domain.admin.ApplianceSettingsRepository;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/**
 * Use cases of the console's Settings page: the SIEM target, the NTP servers, the session
 * idle timeout and the TLS certificate expiry warning. Administrators only; checked
 * ({@link ApplianceSettings#problems}); audited as {@code configuration-changed} (target
 * {@value #TARGET}) with each changed setting before and after. The application applies the
 * SIEM target (audit forwarding), the session timeout (next sign-in) and the warning at
 * once; NTP and the SIEM's firewall opening and system-log forwarding are asked of the
 * appliance ({@link OperatingSystemSettings}).
 */
@Stateless
public class SettingsAdministration {

    public static final String TARGET = "settings:appliance";

    private static final Logger LOG = Logger.getLogger(SettingsAdministration.class.getName());

    @Inject
    ApplianceSettingsRepository repository;

    @Inject
    ApplianceSettingsInForce inForce;

    @Inject
    OperatingSystemSettings operatingSystem;

    @Inject
    ServerCertificate certificate;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    @Inject
    Event<ApplianceSettingsInForce.Changed> changed;

    /**
     * The settings as the page shows them: in force, the configuration's, the certificate, and
     * how the appliance answered the last request.
     */
    public record View(Optional<ApplianceSettingsInForce.SiemTarget> siem, int siemPort, List<String> ntpServers,
                       Duration sessionIdleTimeout, int tlsExpiryWarningDays, ApplianceSettingsInForce.Configured configured,
                       Optional<ServerCertificate.Presented> certificate, OperatingSystemSettings.Status operatingSystem) {
    }

    public View view() {
        ApplianceSettings stored = repository.current();
        ApplianceSettingsInForce.Configured configured = inForce.configured();
        Optional<ApplianceSettingsInForce.SiemTarget> siem = ApplianceSettingsInForce.siemOf(stored, configured);
        int port = stored.siemPort().orElse(ApplianceSettingsInForce.configuredPort(configured));
        return new View(siem, port, stored.ntpServers().orElse(configured.ntpServers()),
                stored.sessionIdleTimeout().orElse(configured.sessionIdleTimeout()), stored.tlsExpiryWarningDays(),
                configured, certificate.presented(), operatingSystem.status());
    }

    /** What came of a change. */
    public record Change(Outcome outcome, Map<String, String> problems, List<String> changed, boolean askedAppliance) {

        public enum Outcome { DONE, INVALID, REFUSED_ROLE }
    }

    /**
     * Sets every setting of the page (administrators only); {@code siemHost} empty: no SIEM;
     * {@code idleTimeout} null: as it is.
     */
    public Change change(Caller caller, String siemHost, long siemPort, List<String> ntpServers, Duration idleTimeout,
                         long warningDays) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.CONFIGURATION_CHANGED.code()).build());
            return new Change(Change.Outcome.REFUSED_ROLE, Map.of(), List.of(), false);
        }
        String host = siemHost == null ? "" : siemHost.strip();
        Map<String, String> problems = ApplianceSettings.problems(host, siemPort, ntpServers,
                idleTimeout == null ? ApplianceSettings.MIN_IDLE_MINUTES : idleTimeout.toMinutes(), warningDays);
        if (!problems.isEmpty()) {
            return new Change(Change.Outcome.INVALID, problems, List.of(), false);
        }
        ApplianceSettings before = repository.lock();
        ApplianceSettingsInForce.Configured configured = inForce.configured();
        int configuredPort = ApplianceSettingsInForce.configuredPort(configured);
        ApplianceSettings after = new ApplianceSettings(
                SettingsDiff.kept(before.siemHost(), host, configured.siem().map(ApplianceSettingsInForce.SiemTarget::host)
                        .orElse("")),
                SettingsDiff.kept(before.siemPort(), (int) siemPort, configuredPort),
                SettingsDiff.kept(before.ntpServers(), List.copyOf(ntpServers), configured.ntpServers()),
                SettingsDiff.kept(before.sessionIdleTimeout(), idleTimeout, configured.sessionIdleTimeout()),
                (int) warningDays);
        SettingsDiff diff = SettingsDiff.of(before.audited(), after.audited());
        if (diff.none()) {
            return new Change(Change.Outcome.DONE, Map.of(), List.of(), false);
        }
        repository.save(after, caller.identity().username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        boolean operatingSystemPart = !ApplianceSettingsInForce.siemOf(before, configured).equals(ApplianceSettingsInForce.siemOf(after, configured))
                || !before.ntpServers().orElse(configured.ntpServers()).equals(after.ntpServers().orElse(configured.ntpServers()));
        AuditEvent.Builder audit = event(caller, AuditAction.CONFIGURATION_CHANGED, AuditOutcome.SUCCESS)
                .detail("changed", String.join(",", diff.changed()))
                .detail("before", diff.before())
                .detail("after", diff.after());
        if (operatingSystemPart) {
            Optional<ApplianceSettingsInForce.SiemTarget> siem = ApplianceSettingsInForce.siemOf(after, configured);
            String request = operatingSystem.request(after.ntpServers().orElse(configured.ntpServers()),
                    siem.map(ApplianceSettingsInForce.SiemTarget::host),
                    siem.map(ApplianceSettingsInForce.SiemTarget::port).orElse(configuredPort));
            audit.detail("appliance-request", request);
        }
        trail.record(audit.build());
        changed.fire(new ApplianceSettingsInForce.Changed());
        LOG.info(() -> "Appliance settings changed by " + caller.username() + ": " + diff.before() + " -> " + diff.after());
        return new Change(Change.Outcome.DONE, Map.of(), diff.changed(), operatingSystemPart);
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(TARGET).outcome(outcome);
    }
}
