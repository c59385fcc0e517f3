package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.FreshValue;
import org.consilium.application.SessionPolicy;
import org.consilium.domain.admin.ApplianceSettings;
import org.consilium.domain.admin.ApplianceSettingsRepository;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The appliance settings in force: what an administrator stored on the Settings page, else
 * the server configuration's ({@code consilium.siem.host}, {@code .port},
 * {@code consilium.ntp.servers}, {@code consilium.session.idle-timeout}). The stored row is
 * read at most every {@link #FRESH} per node; if the database cannot be read, the
 * configuration's values apply (a sign-in must not fail because of a setting).
 */
@ApplicationScoped
public class ApplianceSettingsInForce {

    static final Duration FRESH = Duration.ofSeconds(5);
    public static final int DEFAULT_SIEM_PORT = 6514;

    private static final Logger LOG = Logger.getLogger(ApplianceSettingsInForce.class.getName());

    /** Where the audit trail and system logs go. */
    public record SiemTarget(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The server configuration's values, before any console change. */
    public record Configured(Optional<SiemTarget> siem, List<String> ntpServers, Duration sessionIdleTimeout) {
    }

    private final FreshValue<ApplianceSettings> stored;
    private volatile boolean unreadable;

    @Inject
    public ApplianceSettingsInForce(ApplianceSettingsRepository repository) {
        this.stored = new FreshValue<>(FRESH, repository::current);
    }

    protected ApplianceSettingsInForce() {
        this.stored = null; // for the CDI proxy
    }

    /** The stored settings, or the defaults (all left to the configuration) when the database does not answer. */
    public ApplianceSettings stored() {
        try {
            ApplianceSettings settings = stored.get();
            unreadable = false;
            return settings;
        } catch (RuntimeException failed) {
            if (!unreadable) { // once per outage: every sign-in asks
                unreadable = true;
                LOG.log(Level.WARNING, "Could not read the appliance settings; the configuration's apply", failed);
            }
            return ApplianceSettings.DEFAULTS;
        }
    }

    public Configured configured() {
        Config config = ConfigProvider.getConfig();
        Optional<String> host = config.getOptionalValue("consilium.siem.host", String.class).map(String::strip)
                .filter(h -> !h.isEmpty());
        int port = config.getOptionalValue("consilium.siem.port", Integer.class).orElse(DEFAULT_SIEM_PORT);
        List<String> ntp = ApplianceSettings.hostList(config.getOptionalValue("consilium.ntp.servers", String.class)
                .orElse(""));
        return new Configured(host.map(h -> new SiemTarget(h, port)), ntp, SessionPolicy.configuredIdleTimeout());
    }

    public Optional<SiemTarget> siem() {
        return siemOf(stored(), configured());
    }

    /** The SIEM target of {@code stored} settings: its host (empty: none) and port, each else the configuration's. */
    public static Optional<SiemTarget> siemOf(ApplianceSettings stored, Configured configured) {
        int port = stored.siemPort().orElse(configuredPort(configured));
        String host = stored.siemHost().orElse(configured.siem().map(SiemTarget::host).orElse(""));
        return host.isEmpty() ? Optional.empty() : Optional.of(new SiemTarget(host, port));
    }

    public static int configuredPort(Configured configured) {
        return configured.siem().map(SiemTarget::port).orElse(DEFAULT_SIEM_PORT);
    }

    public List<String> ntpServers() {
        return stored().ntpServers().orElseGet(() -> configured().ntpServers());
    }

    public Duration sessionIdleTimeout() {
        return stored().sessionIdleTimeout().orElseGet(SessionPolicy::configuredIdleTimeout);
    }

    public int tlsExpiryWarningDays() {
        return stored().tlsExpiryWarningDays();
    }

    /** Fired by a change once stored; observed after its commit. */
    public record Changed() {
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        stored.forget();
    }
}
