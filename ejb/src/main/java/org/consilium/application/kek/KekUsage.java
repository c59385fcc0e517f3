package org.consilium.application.kek;

import java.time.Instant;
import java.util.List;

/** Each appliance's last report of the envelopes on its own volume, by KEK version (table {@code kek_usage}). */
public interface KekUsage {

    /** Replaces {@code node}'s report, in one transaction. */
    void record(String node, int currentVersion, KekTally envelopes, Instant checkedAt);

    /** The last report of every appliance that ever reported, by node name. */
    List<NodeReport> reports();
}
