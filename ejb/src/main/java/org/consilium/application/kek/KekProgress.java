package org.consilium.application.kek;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far the envelopes have moved off old KEK versions, as the console's Keys page shows it.
 *
 * @param currentVersion the newest version on the token (0 when the HSM is away)
 * @param versions       every version on the token, oldest first
 * @param nodes          every appliance's last report, by name
 * @param problem        why nothing could be counted (the HSM or the database away)
 */
public record KekProgress(int currentVersion, List<Version> versions, List<Node> nodes, Optional<String> problem) {

    public KekProgress {
        versions = List.copyOf(versions);
        nodes = List.copyOf(nodes);
    }

    /** True when at least one old version may be destroyed now. */
    public boolean anyDestroyable() {
        return versions.stream().anyMatch(Version::destroyable);
    }

    /** The old versions that may be destroyed now. */
    public List<Integer> destroyableVersions() {
        return versions.stream().filter(Version::destroyable).map(Version::version).toList();
    }

    /**
     * One KEK version.
     *
     * @param inDatabase envelopes under it in the database now
     * @param onNodes    envelopes under it on each appliance's volume at its last report
     * @param refusal    why it may not be destroyed; empty when it may
     */
    public record Version(int version, boolean current, long inDatabase, Map<String, Long> onNodes,
                          Optional<String> refusal) {

        public Version {
            onNodes = Map.copyOf(onNodes);
        }

        public boolean destroyable() {
            return refusal.isEmpty();
        }

        public long onNode(String node) {
            return onNodes.getOrDefault(node, 0L);
        }

        public long total() {
            return inDatabase + onNodes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One appliance's last report: when, under which current version, how many envelopes in all,
     * how many failed, and why it counts for destroying an old version ({@link Appliances}); empty
     * when it does not (down or decommissioned with nothing on record: its report is only shown).
     */
    public record Node(String name, int currentVersion, Instant checkedAt, long envelopes, long failed,
                       Optional<String> counts) {
    }
}
