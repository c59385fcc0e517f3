package org.consilium.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which bridge a call's next member gets (docs/architecture.md, "Cascade"): the bridge of
 * the node running the call while the conference has fewer than
 * {@code consilium.cluster.cascade.participants-per-bridge} (default {@value #DEFAULT_PER_BRIDGE})
 * participants there; beyond that, the least-loaded other bridge of the cluster (as for a new
 * call: {@link CallPlacement#leastLoaded}), joined to this one by a relay. A grand round larger
 * than one appliance spreads so; a visit of a few people never does.
 */
@ApplicationScoped
public class CascadePolicy {

    static final int DEFAULT_PER_BRIDGE = 100;

    @Inject
    BridgeLoads loads;

    @Inject
    SharedCalls shared;

    @Inject
    Clock clock;

    /**
     * @param participantsHere the conference's participants on this node's bridge now
     * @return the other node whose bridge takes the next member, or empty for this one
     */
    public Optional<String> bridgeFor(long participantsHere) {
        if (participantsHere < perBridge()) {
            return Optional.empty();
        }
        try {
            return CallPlacement.leastLoaded(loads.bridges(), shared.localNode(), true, Map.of(), clock.instant(),
                    ConfigProvider.getConfig().getOptionalValue("consilium.cluster.placement.max-load-per-core",
                            Double.class).orElse(0.9));
        } catch (RuntimeException unavailable) { // no cluster caches: this bridge takes everyone
            return Optional.empty();
        }
    }

    /** Read at each decision, so that a change of the setting counts for the next member. */
    static int perBridge() {
        int configured = ConfigProvider.getConfig()
                .getOptionalValue("consilium.cluster.cascade.participants-per-bridge", Integer.class)
                .orElse(DEFAULT_PER_BRIDGE);
        return Math.max(1, configured);
    }
}
