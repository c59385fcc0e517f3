package org.consilium.application.kek;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Each appliance's last report of the envelopes on its own volume, by KEK version (table {@code kek_usage}). */
public interface KekUsage {

    /** Replaces {@code node}'s report, in one transaction. */
    void record(String node, int currentVersion, KekTally envelopes, Instant checkedAt);

    /** The last report of every appliance that ever reported, by node name. */
    List<NodeReport> reports();

    /**
     * Recordings the database lists as not shredded, by the appliance whose volume holds their
     * files ({@code recording.node}): what each volume may hold, whether or not its appliance has
     * checked since they were written.
     */
    Map<String, Long> recordingsOnRecord();
}
