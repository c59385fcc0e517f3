package org.consilium.application.admin;

import java.util.List;
import java.util.Optional;

/** Where the dashboard's figures come from (implemented in infrastructure: health probes, bridge, database, JMX, the appliance's files). */
public interface SystemProbes {

    /** The readiness checks of /health/ready, computed the same way. */
    List<Dashboard.Health> health();

    /** Visits going on, newest first, at most {@code limit}. */
    List<Dashboard.ActiveVisit> activeVisits(int limit);

    /** The bridge's counters, empty while it is not running. */
    Optional<Dashboard.Media> media();

    Dashboard.Node node();

    /** The firewall's running count of refused outbound packets; empty where there is none (not an appliance). */
    Optional<Dashboard.RefusedEgress> refusedEgress();
}
