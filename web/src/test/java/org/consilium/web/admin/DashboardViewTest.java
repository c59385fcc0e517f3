package org.consilium.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.application.admin.Dashboard;
import org.consilium.domain.cluster.BridgeLoad;
import org.consilium.domain.cluster.ClusterChange;
import org.junit.jupiter.api.Test;

class DashboardViewTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:15:30Z");
    private static final List<Dashboard.Health> ALL_UP = List.of(new Dashboard.Health("database", true, "schema version 8"),
            new Dashboard.Health("directory", true, "ldap://x"), new Dashboard.Health("hsm", true, "logged in"),
            new Dashboard.Health("media", true, "UDP port 10000"));
    private static final Dashboard.ActiveVisit VISIT = new Dashboard.ActiveVisit("v1", "r1", "Ward 3 round", "visit",
            AT.minusSeconds(600), Map.of("owner", 1, "guest", 2));
    private static final Dashboard.Node SINGLE = new Dashboard.Node("host-1", "consilium-1", List.of("host-1"), "host-1", 0, List.of(), Optional.empty());

    @Test
    void summarisesInOneSentenceThatChangesOnlyWithStatesAndCounts() {
        DashboardView quiet = new DashboardView(new Dashboard(AT, ALL_UP, List.of(), Optional.empty(), SINGLE), true);
        assertEquals("All 4 checks up. No visit going on.", quiet.getSummary());
        assertEquals("08:15:30 UTC", quiet.getUpdated());
        assertEquals("The media bridge is not running: no counters.", quiet.getMediaState());
        assertEquals("Single node (no cluster configured)", quiet.getCluster());

        List<Dashboard.Health> hsmDown = List.of(ALL_UP.get(0), ALL_UP.get(1),
                new Dashboard.Health("hsm", false, "not logged in"), ALL_UP.get(3));
        DashboardView busy = new DashboardView(new Dashboard(AT, hsmDown, List.of(VISIT), Optional.empty(),
                new Dashboard.Node("host-1", "consilium-1", List.of("host-1", "host-2"), "host-1", 1, List.of(), Optional.empty())), true);
        assertEquals("1 check down: HSM (keys). 1 visit going on, 3 people present.", busy.getSummary());
        assertEquals("Down", busy.getChecks().get(2).state());
        assertEquals("2 members: host-1 (coordinator), host-2", busy.getCluster());
        assertEquals("2 guests, 1 owner", busy.getVisits().get(0).presentByRole());
        assertEquals("none now", busy.getVisits().get(0).node(), "no call's copy names a node");
    }

    @Test
    void roomNamesOnlyForAdministrators() {
        Dashboard dashboard = new Dashboard(AT, ALL_UP, List.of(VISIT), Optional.empty(), SINGLE);
        assertEquals("Ward 3 round", new DashboardView(dashboard, true).getVisits().get(0).room());
        assertEquals("room r1", new DashboardView(dashboard, false).getVisits().get(0).room());
        assertTrue(new DashboardView(dashboard, false).toJson().toString().contains("\"room\":\"room r1\""));
    }

    @Test
    void mediaFiguresAreReadable() {
        List<Dashboard.Drop> drops = List.of(new Dashboard.Drop("port", "UNKNOWN_ICE_UFRAG", 1),
                new Dashboard.Drop("endpoint", "DTLS_WRONG_EPOCH", 2), new Dashboard.Drop("endpoint", "UNDECLARED_SSRC", 0));
        Dashboard dashboard = new Dashboard(AT, ALL_UP, List.of(), Optional.of(new Dashboard.Media(2, 5, 1_234_567,
                3L * 1024 * 1024, 10, 512, drops, 0)), SINGLE);
        DashboardView view = new DashboardView(dashboard, true);
        assertEquals("", view.getMediaState());
        assertEquals("3", view.getMedia().stream().filter(f -> f.key().equals("dropped")).findFirst().orElseThrow().value(),
                "the total is every reason's");
        assertEquals(List.of(new DashboardView.Figure("port-unknown-ice-ufrag", "Unknown ICE ufrag", "1")),
                view.getPortDrops());
        assertEquals(List.of(new DashboardView.Figure("endpoint-dtls-wrong-epoch", "DTLS wrong epoch", "2"),
                new DashboardView.Figure("endpoint-undeclared-ssrc", "Undeclared SSRC", "0")), view.getEndpointDrops(),
                "every reason, zeros included");
        assertTrue(view.toJson().toString().contains("\"key\":\"endpoint-dtls-wrong-epoch\""));
        assertEquals("1,234,567", view.getMedia().stream().filter(f -> f.key().equals("packets-in")).findFirst()
                .orElseThrow().value());
        assertEquals("3.0 MiB", DashboardView.bytes(3L * 1024 * 1024));
        assertEquals("512 B", DashboardView.bytes(512));
    }

    @Test
    void theFirewallsRefusedEgressCountIsShown() {
        Dashboard none = new Dashboard(AT, ALL_UP, List.of(), Optional.empty(), SINGLE);
        assertTrue(new DashboardView(none, true).getRefusedEgress().startsWith("Not counted here"));
        Dashboard quiet = new Dashboard(AT, ALL_UP, List.of(), Optional.empty(), SINGLE, Optional.of(
                new Dashboard.RefusedEgress(0, 0, Instant.parse("2026-11-23T08:00:00Z"), Optional.empty(), AT)));
        assertEquals("None since 2026-11-23 08:00 UTC", new DashboardView(quiet, false).getRefusedEgress());
        Dashboard tried = new Dashboard(AT, ALL_UP, List.of(), Optional.empty(), SINGLE, Optional.of(
                new Dashboard.RefusedEgress(1234, 3, Instant.parse("2026-11-23T08:00:00Z"),
                        Optional.of(Instant.parse("2026-12-06T13:40:00Z")), AT)));
        DashboardView view = new DashboardView(tried, false);
        assertEquals("1,234 since 2026-11-23 08:00 UTC (3 invalid); last 2026-12-06 13:40 UTC", view.getRefusedEgress());
        assertTrue(view.toJson().getJsonObject("node").getString("refusedEgress").startsWith("1,234 since"));
    }

    @Test
    void aNodeGivenPeersButAloneSaysWhatToCheck() {
        Dashboard.Node alone = new Dashboard.Node("host-1", "consilium-1", List.of("host-1"), "host-1", 2, List.of(), Optional.empty());
        assertEquals("Alone: none of the 2 configured peer(s) is in the cluster (check that they run, the cluster "
                + "secret, the peer list and the firewall)", DashboardView.cluster(alone));
    }

    @Test
    void theClusterTableShowsEachMembersBridgeAndWhoCoordinates() {
        Dashboard.Node two = new Dashboard.Node("host-2", "consilium-2", List.of("host-1", "host-2"), "host-1", 1,
                List.of(new BridgeLoad("host-1", "10.1.0.5:10000", 2, 7, 1, 1400, 5200, 0.4321, false, AT),
                        new BridgeLoad("host-2", "", 0, 0, 0, 0, 0.05, true, AT)), Optional.of(AT));
        List<DashboardView.Member> rows = DashboardView.members(two);
        assertEquals(new DashboardView.Member("host-1", "coordinator", "10.1.0.5:10000", 2, 7,
                "7 (1 of them a relay to another bridge)", "1400 in, 5200 out", "0.43"), rows.get(0));
        assertEquals(new DashboardView.Member("host-2", "member, this node, draining", "not running", 0, 0, "0",
                "0 in, 0 out", "0.05"), rows.get(1));
        assertEquals("5 (2 of them relays to another bridge)", DashboardView.connections(5, 2));
        assertEquals(List.of(), DashboardView.members(SINGLE), "no table for a node alone");
        assertEquals("Refused since 08:15:30 UTC: this node is drained for maintenance",
                DashboardView.newCalls(two.drainingSince()));
        assertEquals("Accepted", DashboardView.newCalls(SINGLE.drainingSince()));
    }

    @Test
    void aDrainedMemberOfAClusterSaysItsNewCallsGoToTheOthers() {
        assertEquals("Sent to the other members since 08:15:30 UTC: this node is drained for maintenance",
                DashboardView.newCalls(Optional.of(Instant.parse("2026-12-07T08:15:30Z")), true));
    }

    @Test
    void theClustersChangesReadAsSentencesNewestFirstAsGiven() {
        Instant at = Instant.parse("2026-12-07T08:15:30Z");
        assertEquals(List.of("08:15:30 UTC: node-2 left; members node-1",
                        "08:15:30 UTC: merge, node-2 joined; members node-1, node-2",
                        "08:15:30 UTC: node-2 joined, node-3 left; members node-1, node-2"),
                DashboardView.changes(List.of(
                        new ClusterChange(at, "view", List.of(), List.of("node-2"), List.of("node-1")),
                        new ClusterChange(at, "merge", List.of("node-2"), List.of(), List.of("node-1", "node-2")),
                        new ClusterChange(at, "view", List.of("node-2"), List.of("node-3"), List.of("node-1", "node-2")))));
    }

    @Test
    void aVisitSaysWhichNodeRunsItsCall() {
        Dashboard.ActiveVisit onNode2 = new Dashboard.ActiveVisit("v2", "r2", "Tumor board", "conference", AT,
                java.util.Map.of("host", 1), "node-2");
        DashboardView view = new DashboardView(new Dashboard(AT, ALL_UP, List.of(onNode2), Optional.empty(), SINGLE), true);
        assertEquals("node-2", view.getVisits().get(0).node());
        assertTrue(view.toJson().toString().contains("\"node\":\"node-2\""), view.toJson().toString());
    }
}
