package org.consilium.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.consilium.application.admin.ApplianceSettingsInForce;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long an idle staff session lives (REQUIREMENTS S4): the console's setting if an
 * administrator made one, else MicroProfile Config's. Read every time a session starts, so
 * a changed setting applies to the next sign-in without a restart.
 */
@ApplicationScoped
public class SessionPolicy {

    public static final String IDLE_TIMEOUT = "consilium.session.idle-timeout";
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    static final Duration MINIMUM = Duration.ofSeconds(1);
    static final Duration MAXIMUM = Duration.ofHours(12);

    private static final Logger LOG = Logger.getLogger(SessionPolicy.class.getName());

    @Inject
    ApplianceSettingsInForce settings;

    public Duration idleTimeout() {
        return bounded(settings.sessionIdleTimeout());
    }

    /** The configuration's timeout ({@value #IDLE_TIMEOUT}), or the default. */
    public static Duration configuredIdleTimeout() {
        try {
            return ConfigProvider.getConfig()
                    .getOptionalValue(IDLE_TIMEOUT, Duration.class)
                    .map(SessionPolicy::bounded)
                    .orElse(DEFAULT_IDLE_TIMEOUT);
        } catch (IllegalArgumentException unreadable) {
            LOG.warning(() -> IDLE_TIMEOUT + " is not an ISO-8601 duration such as PT15M; using "
                    + DEFAULT_IDLE_TIMEOUT);
            return DEFAULT_IDLE_TIMEOUT;
        }
    }

    /** A typo must not give a session that never ends, nor one that ends at once. */
    static Duration bounded(Duration configured) {
        if (configured.compareTo(MINIMUM) < 0) {
            return MINIMUM;
        }
        return configured.compareTo(MAXIMUM) > 0 ? MAXIMUM : configured;
    }
}
