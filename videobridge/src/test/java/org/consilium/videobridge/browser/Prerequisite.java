package org.consilium.videobridge.browser;

import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests need from the machine. A developer's plain {@code mvn test}
 * without it skips them; under {@code ./consilium test}, which installs the browsers and
 * sets CONSILIUM_REQUIRE_BROWSERS, a missing prerequisite fails instead of skipping.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    public static void require(boolean present, String missing) {
        if (!present && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
    }
}
