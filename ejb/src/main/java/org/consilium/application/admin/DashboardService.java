package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Use case: the console's dashboard, for administrators and auditors (read-only, not
 * audited: it shows states and counts, no person's data).
 */
@ApplicationScoped
public class DashboardService {

    /** More visits than this at once are not listed one by one (the count says how many were shown). */
    public static final int MAX_VISITS = 200;

    @Inject
    SystemProbes probes;

    @Inject
    Clock clock;

    public Dashboard now() {
        return new Dashboard(clock.instant(), probes.health(), probes.activeVisits(MAX_VISITS), probes.media(),
                probes.node(), probes.refusedEgress());
    }
}
