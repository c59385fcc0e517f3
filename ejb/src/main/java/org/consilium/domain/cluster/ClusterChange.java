package org.consilium.domain.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A change of the cluster's membership as this node saw it (the audit trail has each one too,
 * recorded by the new view's coordinator).
 *
 * @param at      when the new view was installed here
 * @param change  {@code view}, {@code split} or {@code merge}
 * @param joined  members new in this view
 * @param left    members gone from it
 * @param members every member now, oldest first
 */
public record ClusterChange(Instant at, String change, List<String> joined, List<String> left, List<String> members) {

    public ClusterChange {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
        members = List.copyOf(members);
    }
}
