package org.consilium.application.kek;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the destroy gate knows of the appliances besides their own reports in {@code kek_usage}:
 * who is in the cluster now, and whose volume the database says still holds recordings. An
 * appliance <em>counts</em> (must have checked since a version was replaced, with none left under
 * it, before that version may be destroyed) when
 * <ul>
 *   <li>it is a member of the cluster as this appliance sees it: it is up, and until its next
 *       check it may still wrap new data keys under the version it last saw as current;</li>
 *   <li>the database lists recordings on its volume that are not shredded ({@code recording.node}):
 *       a recording's row is written before its first file, so this also covers files written
 *       after the appliance's last check;</li>
 *   <li>or its last check found envelopes on its volume.</li>
 * </ul>
 * Any other appliance is down or decommissioned and holds nothing a KEK version keeps readable,
 * so its old rows are ignored: no registry of appliances is needed, and a node taken out of the
 * cluster with nothing on its volume never holds the decision up. A node that is gone with
 * recordings still on record does, on purpose: destroying the version would make them unreadable.
 *
 * @param members            the cluster's members as this appliance sees them now (itself included)
 * @param recordingsOnRecord recordings not shredded, by the appliance whose volume holds their files
 */
public record Appliances(Set<String> members, Map<String, Long> recordingsOnRecord) {

    public Appliances {
        members = Set.copyOf(members);
        recordingsOnRecord = Map.copyOf(recordingsOnRecord);
    }

    /**
     * Why {@code node} counts, as the end of a sentence ("it is in the cluster"); empty when it is
     * down or decommissioned with nothing of its on record.
     */
    public Optional<String> whyItCounts(String node, Optional<NodeReport> lastReport) {
        if (members.contains(node)) {
            return Optional.of("it is in the cluster");
        }
        long recordings = recordingsOnRecord.getOrDefault(node, 0L);
        if (recordings > 0) {
            return Optional.of("the database lists " + (recordings == 1 ? "1 recording" : recordings + " recordings")
                    + " on its volume that " + (recordings == 1 ? "is" : "are") + " not shredded");
        }
        if (lastReport.isPresent() && lastReport.get().holdsEnvelopes()) {
            long envelopes = lastReport.get().envelopes().envelopes().values().stream().mapToLong(Long::longValue).sum();
            return Optional.of("its volume held " + (envelopes == 1 ? "1 envelope" : envelopes + " envelopes")
                    + " at that check");
        }
        return Optional.empty();
    }

    /** True when {@code node} is a member of the cluster now. */
    public boolean inCluster(String node) {
        return members.contains(node);
    }
}
