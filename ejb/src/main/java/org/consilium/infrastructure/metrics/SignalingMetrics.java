package org.consilium.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.consilium.application.call.CallRefusals;

/**
 * The signaling channel's refusals since the server started, by reason, as
 * {@code consilium_signaling_refused_total{reason="too-large"}} and so on (zeros included):
 * oversized messages, floods, rate limits, forbidden messages, refused handshakes. The
 * audit trail has each of them too, coalesced; this is the count monitoring can alert on.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SignalingMetrics {

    static final String REFUSED = "consilium.signaling.refused";

    @Inject
    MeterRegistry registry;

    @Inject
    CallRefusals refusals;

    /** Through the name-and-tags method WildFly's deployment registry passes on (see MediaMetrics). */
    @PostConstruct
    void register() {
        for (String reason : CallRefusals.REASONS) {
            registry.more().counter(REFUSED, Tags.of("reason", reason), refusals,
                    r -> r.totals().getOrDefault(reason, 0L));
        }
    }

    @PreDestroy
    void unregister() {
        registry.find(REFUSED).meters().forEach(registry::remove);
    }
}
