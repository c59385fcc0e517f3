package org.consilium.application.call;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long a visit may go on, from MicroProfile Config (ISO-8601 durations):
 * <ul>
 * <li>{@value #EMPTY_ROOM_TIMEOUT} (default {@code PT2M}, 0 s to 24 h): after the last person
 * leaves, the visit stays open this long; whoever comes back in time continues it;</li>
 * <li>{@value #MAX_VISIT_LENGTH} (default {@code PT12H}, 1 s to 7 days): at this length
 * the call closes for everyone and the visit ends.</li>
 * </ul>
 * Read when a room's call starts, so a changed setting applies to the next call. A value
 * that cannot be used fails the deployment ({@link CallLimitsValidation}); one changed to
 * such a value later is logged and the default used. The room policy (admin console) wins
 * over these when it sets a limit ({@link #current(Optional, Optional)}).
 */
public record CallLimits(Duration emptyRoomTimeout, Duration maxVisitLength) {

    public static final String EMPTY_ROOM_TIMEOUT = "consilium.call.empty-room-timeout";
    public static final String MAX_VISIT_LENGTH = "consilium.call.max-visit-length";
    private static final Duration LONGEST_EMPTY = Duration.ofHours(24);
    private static final Duration SHORTEST_VISIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_VISIT = Duration.ofDays(7);
    /** Declared after the bounds its construction checks against. */
    public static final CallLimits DEFAULTS = new CallLimits(Duration.ofMinutes(2), Duration.ofHours(12));
    private static final Logger LOG = Logger.getLogger(CallLimits.class.getName());

    /**
     * @throws IllegalArgumentException naming the property, when a value is not a duration or out of bounds
     */
    public CallLimits {
        within(EMPTY_ROOM_TIMEOUT, emptyRoomTimeout, Duration.ZERO, LONGEST_EMPTY);
        within(MAX_VISIT_LENGTH, maxVisitLength, SHORTEST_VISIT, LONGEST_VISIT);
    }

    /** The limits as configured now; the defaults (with a warning) if a value cannot be used. */
    public static CallLimits current() {
        try {
            return from(ConfigProvider.getConfig(CallLimits.class.getClassLoader()));
        } catch (IllegalArgumentException unusable) {
            LOG.warning(() -> unusable.getMessage() + "; using " + DEFAULTS.emptyRoomTimeout() + " and "
                    + DEFAULTS.maxVisitLength());
            return DEFAULTS;
        }
    }

    /**
     * The limits for a call starting now: the room policy's where it sets them (already
     * validated by it), else the configuration's.
     */
    public static CallLimits current(Optional<Duration> policyEmptyRoomTimeout, Optional<Duration> policyMaxVisitLength) {
        return current().overriddenBy(policyEmptyRoomTimeout, policyMaxVisitLength);
    }

    /** These limits, with each one given replacing this one; unchanged (with a warning) if that cannot be used. */
    CallLimits overriddenBy(Optional<Duration> emptyRoomTimeout, Optional<Duration> maxVisitLength) {
        try {
            return new CallLimits(emptyRoomTimeout.orElse(this.emptyRoomTimeout),
                    maxVisitLength.orElse(this.maxVisitLength));
        } catch (IllegalArgumentException unusable) {
            LOG.warning(() -> "room policy: " + unusable.getMessage() + "; using " + this.emptyRoomTimeout + " and "
                    + this.maxVisitLength);
            return this;
        }
    }

    /** @throws IllegalArgumentException naming the property whose value cannot be used */
    static CallLimits from(Config config) {
        return of(config.getOptionalValue(EMPTY_ROOM_TIMEOUT, String.class),
                config.getOptionalValue(MAX_VISIT_LENGTH, String.class));
    }

    /** From the properties' texts (absent or blank: the default). */
    static CallLimits of(Optional<String> emptyRoomTimeout, Optional<String> maxVisitLength) {
        return new CallLimits(duration(EMPTY_ROOM_TIMEOUT, emptyRoomTimeout, DEFAULTS.emptyRoomTimeout()),
                duration(MAX_VISIT_LENGTH, maxVisitLength, DEFAULTS.maxVisitLength()));
    }

    private static Duration duration(String property, Optional<String> value, Duration fallback) {
        String text = value.map(String::strip).orElse("");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            throw new IllegalArgumentException(property + " is not an ISO-8601 duration such as PT2M");
        }
    }

    private static void within(String property, Duration value, Duration least, Duration most) {
        if (value == null || value.compareTo(least) < 0 || value.compareTo(most) > 0) {
            throw new IllegalArgumentException(property + " must be from " + least + " to " + most
                    + (value == null ? "" : ", not " + value));
        }
    }

    /** A length as the call's messages say it: "12 hours", "1 minute", "90 minutes", "3 seconds". */
    static String spoken(Duration length) {
        if (length.toHours() > 0 && length.toMinutesPart() == 0 && length.toSecondsPart() == 0) {
            return count(length.toHours(), "hour");
        }
        if (length.toMinutes() > 0 && length.toSecondsPart() == 0) {
            return count(length.toMinutes(), "minute");
        }
        return count(length.toSeconds(), "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
