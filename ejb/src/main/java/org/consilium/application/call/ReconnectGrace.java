package org.consilium.application.call;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long the place of someone whose connection dropped is kept ({@link HeldPlaces}):
 * {@value #PROPERTY}, an ISO-8601 duration from {@code PT0S} (no grace: a drop is a leave
 * at once, as before) to {@code PT10M}, default {@code PT60S}. Read when a room's call
 * starts, like the call limits ({@link CallLimits}); a value that cannot be used fails the
 * deployment ({@link CallLimitsValidation}), one changed to such a value later is logged and
 * the default used. The appliance sets it from {@code call_reconnect_grace}; a grace the room
 * policy sets (the console's Room policies page) wins over it ({@code CallRegistry}).
 */
public record ReconnectGrace(Duration period) {

    public static final String PROPERTY = "consilium.call.reconnect-grace";
    public static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(ReconnectGrace.class.getName());

    /** @throws IllegalArgumentException naming the property, when out of bounds */
    public ReconnectGrace {
        if (period == null || period.isNegative() || period.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(PROPERTY + " must be from PT0S to " + LONGEST
                    + (period == null ? "" : ", not " + period));
        }
    }

    /** As configured now; the default (with a warning) if the value cannot be used. */
    public static ReconnectGrace current() {
        try {
            return from(ConfigProvider.getConfig(ReconnectGrace.class.getClassLoader()));
        } catch (IllegalArgumentException unusable) {
            LOG.warning(() -> unusable.getMessage() + "; using " + DEFAULT);
            return new ReconnectGrace(DEFAULT);
        }
    }

    /** @throws IllegalArgumentException naming the property whose value cannot be used */
    static ReconnectGrace from(Config config) {
        return of(config.getOptionalValue(PROPERTY, String.class));
    }

    /** From the property's text (absent or blank: the default). */
    static ReconnectGrace of(Optional<String> value) {
        String text = value.map(String::strip).orElse("");
        if (text.isEmpty()) {
            return new ReconnectGrace(DEFAULT);
        }
        try {
            return new ReconnectGrace(Duration.parse(text));
        } catch (DateTimeParseException notADuration) {
            throw new IllegalArgumentException(PROPERTY + " is not an ISO-8601 duration such as PT60S");
        }
    }
}
