package org.consilium.domain.room;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} also takes forms like "1-1-1-1-1". */
final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Uuids() {
    }

    static UUID parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (!CANONICAL.matcher(lower).matches()) {
            throw new IllegalArgumentException("not a " + what + ": expected a UUID such as 3f2a9c1e-…");
        }
        return UUID.fromString(lower);
    }
}
