package org.consilium.application.kek;

import java.time.Instant;

/**
 * What one appliance found on its own volume at its last rewrap pass.
 *
 * @param node           the appliance ({@code jboss.node.name})
 * @param currentVersion the newest KEK version that pass knew (what it rewrapped to)
 * @param checkedAt      when the pass ended
 * @param envelopes      its envelopes by KEK version after the pass
 */
public record NodeReport(String node, int currentVersion, Instant checkedAt, KekTally envelopes) {

    /** True when its files held any envelope at all at that pass. */
    public boolean holdsEnvelopes() {
        return envelopes.envelopes().values().stream().anyMatch(count -> count > 0);
    }
}
