package org.consilium.domain.room;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a guest invitation stays valid: a day unless the inviter says otherwise, never
 * less than a minute, never more than a week. A link that lives for months is a link that
 * ends up in the wrong inbox.
 */
public record InvitationLifetime(Duration value) {

    public static final Duration MINIMUM = Duration.ofMinutes(1);
    public static final Duration DEFAULT = Duration.ofHours(24);
    public static final Duration MAXIMUM = Duration.ofDays(7);

    /** @throws IllegalArgumentException outside 1 minute … 7 days */
    public InvitationLifetime {
        Objects.requireNonNull(value, "value");
        if (value.compareTo(MINIMUM) < 0 || value.compareTo(MAXIMUM) > 0) {
            throw new IllegalArgumentException("An invitation lasts from " + MINIMUM.toMinutes() + " minute to "
                    + MAXIMUM.toDays() + " days (" + MAXIMUM.toMinutes() + " minutes)");
        }
    }

    public static InvitationLifetime byDefault() {
        return new InvitationLifetime(DEFAULT);
    }

    public static InvitationLifetime ofMinutes(long minutes) {
        return new InvitationLifetime(Duration.ofMinutes(minutes));
    }
}
