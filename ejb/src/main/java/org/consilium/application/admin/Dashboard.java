package org.consilium.application.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consilium.domain.cluster.BridgeLoad;
import org.consilium.domain.cluster.ClusterChange;

/**
 * What the console's dashboard shows at one moment: the readiness of what the node depends
 * on, the visits going on, the bridge's media counters, the node's place in the cluster and
 * what its firewall refused to let out. Identifiers, counts and states only: no participant
 * names, never key material.
 */
public record Dashboard(Instant takenAt, List<Health> health, List<ActiveVisit> visits, Optional<Media> media,
                        Node node, Optional<RefusedEgress> refusedEgress) {

    public Dashboard {
        health = List.copyOf(health);
        visits = List.copyOf(visits);
    }

    /** Without the firewall's count (not on an appliance). */
    public Dashboard(Instant takenAt, List<Health> health, List<ActiveVisit> visits, Optional<Media> media, Node node) {
        this(takenAt, health, visits, media, node, Optional.empty());
    }

    /** Whether every check is up. */
    public boolean allUp() {
        return health.stream().allMatch(Health::up);
    }

    /** People present in all visits together. */
    public int participants() {
        return visits.stream().mapToInt(ActiveVisit::present).sum();
    }

    /**
     * One readiness check, as /health/ready computes it (the same probes).
     *
     * @param name   {@code database}, {@code directory}, {@code hsm} or {@code media}
     * @param detail what was found when up (schema version, URL, KEK version, port), why not when down
     */
    public record Health(String name, boolean up, String detail) {
    }

    /**
     * A visit going on (ended_at null) and the people in it now (stints not left), by visit role.
     *
     * @param roomName the room's display name (the console shows it to administrators only)
     * @param node     the cluster's node that runs the visit's call now; empty when none does
     */
    public record ActiveVisit(String visitId, String roomId, String roomName, String kind, Instant startedAt,
                              Map<String, Integer> presentByRole, String node) {

        public ActiveVisit {
            presentByRole = java.util.Collections.unmodifiableMap(new TreeMap<>(presentByRole));
            node = node == null ? "" : node;
        }

        /** A visit whose call's node is not known (no call going on now, or no cluster's copy of it). */
        public ActiveVisit(String visitId, String roomId, String roomName, String kind, Instant startedAt,
                           Map<String, Integer> presentByRole) {
            this(visitId, roomId, roomName, kind, startedAt, presentByRole, "");
        }

        public int present() {
            return presentByRole.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * The videobridge's counters since it started, and what it holds now.
     *
     * @param drops every reason the bridge drops packets for, zeros included, in the bridge's order
     */
    public record Media(int conferences, int endpoints, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                        List<Drop> drops, long sendFailures) {

        public Media {
            drops = List.copyOf(drops);
        }

        /** Packets dropped for any reason. */
        public long dropped() {
            return drops.stream().mapToLong(Drop::count).sum();
        }
    }

    /**
     * Packets dropped for one reason since the bridge started.
     *
     * @param where  {@code port} (before any endpoint: unknown address, bad STUN) or {@code endpoint}
     * @param reason the bridge's name for it, as in the metrics ({@code DTLS_MALFORMED})
     */
    public record Drop(String where, String reason, long count) {
    }

    /**
     * This node and the cluster it sees.
     *
     * @param members       the cluster's members as its group communication sees them, oldest first
     * @param coordinator   the member that coordinates the cluster
     * @param expectedPeers how many other appliances this node was given as peers; 0: a single appliance
     * @param bridges       what each member's bridge carries, as the members last published it
     * @param drainingSince since when this node starts no new call ({@link NodeDrain}); empty: it does
     * @param changes       the last changes of membership this node saw since it started, newest first
     */
    public record Node(String name, String nodeId, List<String> members, String coordinator, int expectedPeers,
                       List<BridgeLoad> bridges, Optional<Instant> drainingSince, List<ClusterChange> changes) {

        public Node {
            members = List.copyOf(members);
            bridges = List.copyOf(bridges);
            changes = List.copyOf(changes);
        }

        /** A node that has seen no change since it started. */
        public Node(String name, String nodeId, List<String> members, String coordinator, int expectedPeers,
                    List<BridgeLoad> bridges, Optional<Instant> drainingSince) {
            this(name, nodeId, members, coordinator, expectedPeers, bridges, drainingSince, List.of());
        }

        /** Peers were configured but none is in: the console says so. */
        public boolean isolated() {
            return expectedPeers > 0 && members.size() <= 1;
        }
    }

    /**
     * Outbound packets the appliance's firewall refused since counting began on this
     * appliance (a running total that survives firewall reloads and reboots; docs/security.md),
     * as the appliance's root counted them at {@code countedAt} (every minute).
     *
     * @param invalidPackets of {@code packets}, those connection tracking called invalid
     * @param lastRefusedAt  the end of the last minute in which any was refused; empty: never
     */
    public record RefusedEgress(long packets, long invalidPackets, Instant since, Optional<Instant> lastRefusedAt,
                                Instant countedAt) {
    }
}
