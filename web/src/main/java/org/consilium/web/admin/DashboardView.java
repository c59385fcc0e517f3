package org.consilium.web.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.consilium.application.admin.Dashboard;
import org.consilium.domain.cluster.ClusterChange;

/**
 * The dashboard as the console shows it, formatted once for both the page and its JSON
 * (docs/admin-console.md): the page renders it, {@code /admin/static/dashboard.js} puts the
 * JSON's strings into the same elements every few seconds. Room names only for
 * administrators; auditors see room ids (they have no rooms' names elsewhere either).
 */
public final class DashboardView {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, String> CHECK_LABELS = Map.of("database", "Database", "directory", "Directory",
            "hsm", "HSM (keys)", "media", "Media bridge");

    public record Check(String name, String label, boolean up, String state, String detail) {
    }

    /** @param node the node that runs the visit's call ("" when none does now) */
    public record Visit(String id, String room, String kind, String started, int present, String presentByRole,
                        String node) {
    }

    /** One member of the cluster and what its bridge carries, as the table shows it. */
    /** @param connections the endpoints as the table says them: browsers, and relays to other bridges if any */
    public record Member(String name, String role, String media, int conferences, int endpoints, String connections,
                         String packets, String load) {
    }

    public record Figure(String key, String label, String value) {
    }

    private final String updated;
    private final String summary;
    private final List<Check> checks = new ArrayList<>();
    private final List<Visit> visits = new ArrayList<>();
    private final List<Figure> media = new ArrayList<>();
    private final List<Figure> portDrops = new ArrayList<>();
    private final List<Figure> endpointDrops = new ArrayList<>();
    private final String mediaState;
    private final String nodeName;
    private final String nodeId;
    private final String cluster;
    private final List<Member> members;
    private final String newCalls;
    private final List<String> changes;
    private final boolean draining;
    private final String refusedEgress;

    DashboardView(Dashboard dashboard, boolean showRoomNames) {
        updated = TIME.format(dashboard.takenAt());
        for (Dashboard.Health health : dashboard.health()) {
            checks.add(new Check(health.name(), CHECK_LABELS.getOrDefault(health.name(), health.name()), health.up(),
                    health.up() ? "Up" : "Down", health.detail()));
        }
        for (Dashboard.ActiveVisit visit : dashboard.visits()) {
            visits.add(new Visit(visit.visitId(), showRoomNames ? visit.roomName() : "room " + visit.roomId(),
                    visit.kind(), STARTED.format(visit.startedAt()), visit.present(), byRole(visit.presentByRole()),
                    visit.node().isEmpty() ? "none now" : visit.node()));
        }
        mediaState = dashboard.media().isPresent() ? "" : "The media bridge is not running: no counters.";
        dashboard.media().ifPresent(m -> {
            media.add(new Figure("conferences", "Conferences", count(m.conferences())));
            media.add(new Figure("endpoints", "Endpoints (browsers connected)", count(m.endpoints())));
            media.add(new Figure("packets-in", "Packets received", count(m.packetsIn())));
            media.add(new Figure("bytes-in", "Received", bytes(m.bytesIn())));
            media.add(new Figure("packets-out", "Packets forwarded", count(m.packetsOut())));
            media.add(new Figure("bytes-out", "Forwarded", bytes(m.bytesOut())));
            media.add(new Figure("dropped", "Packets dropped", count(m.dropped())));
            media.add(new Figure("send-failures", "Send failures", count(m.sendFailures())));
            m.drops().forEach(d -> (d.where().equals("port") ? portDrops : endpointDrops).add(new Figure(
                    d.where() + "-" + d.reason().toLowerCase(Locale.ROOT).replace('_', '-'), dropLabel(d.reason()),
                    count(d.count()))));
        });
        Dashboard.Node node = dashboard.node();
        nodeName = node.name();
        nodeId = node.nodeId();
        cluster = cluster(node);
        members = members(node);
        newCalls = newCalls(node.drainingSince(), node.members().size() > 1);
        changes = changes(node.changes());
        draining = node.drainingSince().isPresent();
        refusedEgress = refusedEgress(dashboard.refusedEgress());
        long down = checks.stream().filter(c -> !c.up()).count();
        String health = down == 0 ? "All " + checks.size() + " checks up"
                : down + (down == 1 ? " check down: " : " checks down: ")
                        + checks.stream().filter(c -> !c.up()).map(Check::label).collect(Collectors.joining(", "));
        int people = dashboard.participants();
        summary = health + ". " + (visits.isEmpty() ? "No visit going on."
                : plural(visits.size(), "visit") + " going on, " + plural(people, "person", "people") + " present.");
    }

    /** The auditor's "did it ever try to leave?": the appliance firewall's running count. */
    static String refusedEgress(java.util.Optional<Dashboard.RefusedEgress> count) {
        if (count.isEmpty()) {
            return "Not counted here (not an appliance, or its count is not readable)";
        }
        Dashboard.RefusedEgress c = count.get();
        String since = " since " + STARTED.format(c.since());
        if (c.packets() == 0) {
            return "None" + since;
        }
        return count(c.packets()) + since + (c.invalidPackets() > 0 ? " (" + count(c.invalidPackets()) + " invalid)" : "")
                + c.lastRefusedAt().map(at -> "; last " + STARTED.format(at)).orElse("");
    }

    private static String byRole(Map<String, Integer> byRole) {
        return byRole.isEmpty() ? "nobody at the moment" : byRole.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    public String getUpdated() {
        return updated;
    }

    /** One sentence: what the live region announces when it changes. */
    public String getSummary() {
        return summary;
    }

    public List<Check> getChecks() {
        return checks;
    }

    public List<Visit> getVisits() {
        return visits;
    }

    public List<Figure> getMedia() {
        return media;
    }

    /** Every reason the bridge drops packets for at the port, zeros included. */
    public List<Figure> getPortDrops() {
        return portDrops;
    }

    /** Every reason it drops packets from a browser's address for, zeros included. */
    public List<Figure> getEndpointDrops() {
        return endpointDrops;
    }

    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("DTLS", "SRTP", "RTP", "RTCP", "STUN", "ICE",
            "SSRC");

    /** {@code DTLS_WRONG_EPOCH} → "DTLS wrong epoch". */
    static String dropLabel(String reason) {
        StringBuilder label = new StringBuilder();
        String[] words = reason.split("_");
        for (int i = 0; i < words.length; i++) {
            label.append(i == 0 ? "" : " ").append(ACRONYMS.contains(words[i]) ? words[i]
                    : i == 0 ? words[i].charAt(0) + words[i].substring(1).toLowerCase(Locale.ROOT)
                    : words[i].toLowerCase(Locale.ROOT));
        }
        return label.toString();
    }

    public String getMediaState() {
        return mediaState;
    }

    public String getNodeName() {
        return nodeName;
    }

    public String getNodeId() {
        return nodeId;
    }

    static String cluster(Dashboard.Node node) {
        if (node.isolated()) {
            return "Alone: none of the " + node.expectedPeers() + " configured peer(s) is in the cluster "
                    + "(check that they run, the cluster secret, the peer list and the firewall)";
        }
        if (node.members().size() <= 1) {
            return "Single node (no cluster configured)";
        }
        return node.members().size() + " members: " + node.members().stream()
                .map(member -> member.equals(node.coordinator()) ? member + " (coordinator)" : member)
                .collect(Collectors.joining(", "));
    }

        static List<Member> members(Dashboard.Node node) {
        if (node.members().size() <= 1) {
            return List.of();
        }
        return node.bridges().stream().map(bridge -> new Member(bridge.node(),
                        (bridge.node().equals(node.coordinator()) ? "coordinator" : "member")
                                + (bridge.node().equals(node.name()) ? ", this node" : "")
                                + (bridge.draining() ? ", draining" : ""),
                        bridge.mediaAddress().isEmpty() ? "not running" : bridge.mediaAddress(),
                        bridge.conferences(), bridge.endpoints(), connections(bridge.endpoints(), bridge.relays()),
                        bridge.packetsInPerSecond() + " in, " + bridge.packetsOutPerSecond() + " out",
                        String.format(Locale.ROOT, "%.2f", bridge.loadPerCore())))
                .toList();
    }

    /** "2", or "3 (1 of them a relay to another bridge)" when a conference spreads over several. */
    static String connections(int endpoints, int relays) {
        if (relays == 0) {
            return Integer.toString(endpoints);
        }
        return endpoints + " (" + relays + (relays == 1 ? " of them a relay" : " of them relays") + " to another bridge)";
    }

    static String newCalls(java.util.Optional<java.time.Instant> drainingSince) {
        return newCalls(drainingSince, false);
    }

    /** @param othersTakeThem other members' bridges take this node's new calls (placement) */
    static String newCalls(java.util.Optional<java.time.Instant> drainingSince, boolean othersTakeThem) {
        return drainingSince.map(since -> (othersTakeThem ? "Sent to the other members since " : "Refused since ")
                + TIME.format(since) + ": this node is drained for maintenance").orElse("Accepted");
    }

    /** The changes of membership this node saw, newest first, one line each. */
    static List<String> changes(List<ClusterChange> changes) {
        return changes.stream().map(c -> TIME.format(c.at()) + ": "
                + (c.change().equals("view") ? "" : c.change() + ", ")
                + (c.joined().isEmpty() ? "" : String.join(", ", c.joined()) + " joined")
                + (c.joined().isEmpty() || c.left().isEmpty() ? "" : ", ")
                + (c.left().isEmpty() ? "" : String.join(", ", c.left()) + " left")
                + (c.joined().isEmpty() && c.left().isEmpty() ? "membership changed" : "")
                + "; members " + String.join(", ", c.members())).toList();
    }

    public List<String> getChanges() {
        return changes;
    }

    public String getNewCalls() {
        return newCalls;
    }

    public boolean isDraining() {
        return draining;
    }

    public List<Member> getMembers() {
        return members;
    }

    public String getCluster() {
        return cluster;
    }

    public String getRefusedEgress() {
        return refusedEgress;
    }

    /** The JSON the script reads: the same strings as the page. */
    jakarta.json.JsonObject toJson() {
        var checksJson = jakarta.json.Json.createArrayBuilder();
        checks.forEach(c -> checksJson.add(jakarta.json.Json.createObjectBuilder().add("name", c.name())
                .add("label", c.label()).add("up", c.up()).add("state", c.state()).add("detail", c.detail())));
        var visitsJson = jakarta.json.Json.createArrayBuilder();
        visits.forEach(v -> visitsJson.add(jakarta.json.Json.createObjectBuilder().add("room", v.room())
                .add("kind", v.kind()).add("started", v.started()).add("present", v.present())
                .add("presentByRole", v.presentByRole()).add("node", v.node())));
        var mediaJson = figuresJson(media);
        var portDropsJson = figuresJson(portDrops);
        var endpointDropsJson = figuresJson(endpointDrops);
        return jakarta.json.Json.createObjectBuilder()
                .add("updated", updated)
                .add("summary", summary)
                .add("checks", checksJson)
                .add("visits", visitsJson)
                .add("media", mediaJson)
                .add("portDrops", portDropsJson)
                .add("endpointDrops", endpointDropsJson)
                .add("mediaState", mediaState)
                .add("node", jakarta.json.Json.createObjectBuilder().add("name", nodeName).add("id", nodeId)
                        .add("cluster", cluster).add("members", membersJson()).add("newCalls", newCalls).add("refusedEgress", refusedEgress)
                        .add("changes", jakarta.json.Json.createArrayBuilder(changes)))
                .build();
    }

    private jakarta.json.JsonArrayBuilder membersJson() {
        var json = jakarta.json.Json.createArrayBuilder();
        members.forEach(m -> json.add(jakarta.json.Json.createObjectBuilder().add("name", m.name()).add("role", m.role())
                .add("media", m.media()).add("conferences", m.conferences()).add("endpoints", m.endpoints())
                .add("connections", m.connections()).add("packets", m.packets()).add("load", m.load())));
        return json;
    }

    private static jakarta.json.JsonArrayBuilder figuresJson(List<Figure> figures) {
        var json = jakarta.json.Json.createArrayBuilder();
        figures.forEach(f -> json.add(jakarta.json.Json.createObjectBuilder().add("key", f.key())
                .add("label", f.label()).add("value", f.value())));
        return json;
    }
}
