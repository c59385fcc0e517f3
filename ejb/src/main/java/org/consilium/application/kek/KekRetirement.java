package org.consilium.application.kek;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When an old KEK version may be destroyed: destroying it crypto-shreds every envelope still
 * under it, so only when nothing that should be kept is. That is when
 * <ul>
 *   <li>it is on the token and older than the current version;</li>
 *   <li>the database holds no envelope under it (counted when asked);</li>
 *   <li>this appliance has reported since it was replaced (its report names a newer current
 *       version), with none under it;</li>
 *   <li>so has every other appliance that {@link Appliances counts}: each member of the cluster,
 *       each appliance the database lists recordings on that are not shredded, each whose last
 *       check found envelopes. Appliances that are down or decommissioned with nothing on record
 *       are ignored; one that is down with recordings on its volume holds the decision up, naming
 *       itself, until it is back and has checked.</li>
 * </ul>
 * The first appliance that holds it up is named (this one first, then by name), so that the
 * sentence stays short and the same from one reload to the next.
 */
public final class KekRetirement {

    private static final DateTimeFormatter CHECKED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private KekRetirement() {
    }

    /** Why {@code version} may not be destroyed now, in a sentence for the console; empty when it may. */
    public static Optional<String> refusal(int version, int current, Set<Integer> onToken, long inDatabase,
                                           String thisNode, List<NodeReport> reports, Appliances appliances) {
        if (!onToken.contains(version)) {
            return Optional.of("There is no KEK version " + version + " in the HSM (it may have been destroyed already).");
        }
        if (version >= current) {
            return Optional.of("Version " + version + " is the current version: it wraps every new data key and "
                    + "cannot be destroyed. Rotate first.");
        }
        if (inDatabase > 0) {
            return Optional.of("The database still holds " + envelopes(inDatabase) + " under version " + version
                    + " (second-factor keys). The rewrap job moves them to version " + current
                    + "; if they stay, see the server log.");
        }
        Map<String, NodeReport> byNode = reports.stream()
                .collect(Collectors.toMap(NodeReport::node, Function.identity(), (a, b) -> b));
        NodeReport own = byNode.get(thisNode);
        if (own == null || own.currentVersion() <= version) {
            return Optional.of("This appliance (" + thisNode + ") has not checked its recordings since version "
                    + version + " was replaced. Wait for the rewrap job to finish.");
        }
        Optional<String> left = stillUnder(own, version);
        if (left.isPresent()) {
            return left;
        }
        TreeSet<String> others = new TreeSet<>(byNode.keySet());
        others.addAll(appliances.members());
        others.addAll(appliances.recordingsOnRecord().keySet());
        others.remove(thisNode);
        for (String node : others) {
            NodeReport report = byNode.get(node);
            Optional<String> why = appliances.whyItCounts(node, Optional.ofNullable(report));
            if (why.isEmpty()) {
                continue; // down or decommissioned, nothing of its on record: its old rows do not count
            }
            if (report == null || report.currentVersion() <= version) {
                return Optional.of(notChecked(node, report, version, why.get(), appliances.inCluster(node)));
            }
            left = stillUnder(report, version);
            if (left.isPresent()) {
                return left;
            }
        }
        return Optional.empty();
    }

    private static String notChecked(String node, NodeReport report, int version, String why, boolean inCluster) {
        String since = report == null ? "has never checked its envelopes"
                : "has not checked since " + CHECKED.format(report.checkedAt()) + ", before version " + version
                        + " was replaced";
        String what = inCluster
                ? "Wait for its next check (hourly), or restart it: it checks 20 s after starting."
                : "Start it (it checks 20 s after starting), or keep version " + version
                        + ": destroying it now would make what is on that appliance's volume unreadable for good.";
        return "Appliance " + node + " " + since + ", and " + why + ". " + what;
    }

    private static Optional<String> stillUnder(NodeReport report, int version) {
        long left = report.envelopes().under(version);
        if (left == 0) {
            return Optional.empty();
        }
        return Optional.of("Appliance " + report.node() + " still holds " + envelopes(left) + " under version "
                + version + (report.envelopes().failed() > 0
                ? " (" + report.envelopes().failed() + " could not be rewrapped: see that appliance's log)"
                : "") + ".");
    }

    private static String envelopes(long count) {
        return count == 1 ? "1 envelope" : count + " envelopes";
    }
}
