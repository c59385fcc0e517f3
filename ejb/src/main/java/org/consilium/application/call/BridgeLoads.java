package org.consilium.application.call;

import java.util.List;
import org.consilium.domain.cluster.BridgeLoad;

/** The bridges of the cluster's members now and what each carries (the bridge registry). */
public interface BridgeLoads {

    /** One per member whose bridge published its load, by node name. */
    List<BridgeLoad> bridges();
}
