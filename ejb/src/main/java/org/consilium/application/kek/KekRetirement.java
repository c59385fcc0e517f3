package org.consilium.application.kek;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When an old KEK version may be destroyed: destroying it crypto-shreds every envelope still
 * under it, so only when nothing that should be kept is. That is when
 * <ul>
 *   <li>it is on the token and older than the current version;</li>
 *   <li>the database holds no envelope under it (counted when asked);</li>
 *   <li>this appliance has reported since it was replaced (its report names a newer current
 *       version), with none under it;</li>
 *   <li>every other appliance whose volume held envelopes at its last report has reported since
 *       it was replaced, with none under it. An appliance that held none at its last report does
 *       not hold the decision up (a node taken out of service, say); one that is down with
 *       recordings on its volume does, until it is back and has caught up.</li>
 * </ul>
 */
public final class KekRetirement {

    private KekRetirement() {
    }

    /** Why {@code version} may not be destroyed now, in a sentence for the console; empty when it may. */
    public static Optional<String> refusal(int version, int current, Set<Integer> onToken, long inDatabase,
                                           String thisNode, List<NodeReport> reports) {
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
        Optional<NodeReport> own = reports.stream().filter(r -> r.node().equals(thisNode)).findFirst();
        if (own.isEmpty() || own.get().currentVersion() <= version) {
            return Optional.of("This appliance (" + thisNode + ") has not checked its recordings since version "
                    + version + " was replaced. Wait for the rewrap job to finish.");
        }
        for (NodeReport report : reports) {
            if (!report.node().equals(thisNode) && !report.holdsEnvelopes()) {
                continue;
            }
            if (report.currentVersion() <= version) {
                return Optional.of("Appliance " + report.node() + " holds recordings and has not checked them since "
                        + "version " + version + " was replaced (last check " + report.checkedAt()
                        + "). Start it, or wait for its next check (hourly).");
            }
            long left = report.envelopes().under(version);
            if (left > 0) {
                return Optional.of("Appliance " + report.node() + " still holds " + envelopes(left)
                        + " under version " + version + (report.envelopes().failed() > 0
                        ? " (" + report.envelopes().failed() + " could not be rewrapped: see that appliance's log)"
                        : "") + ".");
            }
        }
        return Optional.empty();
    }

    private static String envelopes(long count) {
        return count == 1 ? "1 envelope" : count + " envelopes";
    }
}
