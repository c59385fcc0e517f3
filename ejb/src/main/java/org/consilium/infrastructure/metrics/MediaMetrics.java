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
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.consilium.infrastructure.media.MediaBridge;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.EndpointDropReason;
import org.consilium.videobridge.stats.DropReason;

/**
 * The bridge's counters as metrics, for the hospital's monitoring to scrape from the
 * management interface ({@code /metrics}, Prometheus text, by WildFly's Micrometer):
 * conferences and endpoints now, packets in and out, send failures, and every reason the
 * bridge drops packets for, at the port and at endpoints, zeros included, so a forged or
 * flooded packet shows where it was stopped. Read at each scrape; while the media port is
 * not open they read 0 (as after a restart of the bridge, which starts its counts over).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "MediaBridge"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MediaMetrics {

    static final String DROPPED = "consilium.media.dropped.packets";
    private static final List<String> NAMES = List.of("consilium.media.conferences", "consilium.media.endpoints",
            "consilium.media.received.packets", "consilium.media.sent.packets", "consilium.media.send.failures",
            DROPPED);

    @Inject
    MeterRegistry registry;

    @Inject
    MediaBridge bridge;

    /**
     * Registers through the registry's name-and-tags methods only: the registry WildFly gives
     * a deployment passes just those on to the server's registries (a meter made with a
     * builder, {@code FunctionCounter.builder(…).register(…)}, stays in the deployment's own
     * and is never scraped).
     */
    @PostConstruct
    void register() {
        registry.gauge(NAMES.get(0), Tags.empty(), this, metrics -> metrics.read(b -> b.status().conferences()));
        registry.gauge(NAMES.get(1), Tags.empty(), this, metrics -> metrics.read(b -> b.status().endpoints()));
        counter(NAMES.get(2), Tags.empty(), b -> b.counters().packetsIn());
        counter(NAMES.get(3), Tags.empty(), b -> b.counters().packetsOut());
        counter(NAMES.get(4), Tags.empty(), b -> b.counters().sendFailures());
        for (DropReason reason : DropReason.values()) {
            counter(DROPPED, Tags.of("where", "port", "reason", reason.name()), b -> b.counters().dropCount(reason));
        }
        for (EndpointDropReason reason : EndpointDropReason.values()) {
            counter(DROPPED, Tags.of("where", "endpoint", "reason", reason.name()), b -> b.endpointDrops().get(reason));
        }
    }

    @PreDestroy
    void unregister() {
        NAMES.forEach(name -> registry.find(name).meters().forEach(registry::remove));
    }

    private void counter(String name, Tags tags, ToDoubleFunction<Videobridge> value) {
        registry.more().counter(name, tags, this, metrics -> metrics.read(value));
    }

    private double read(ToDoubleFunction<Videobridge> value) {
        if (!bridge.status().running()) {
            return 0;
        }
        try {
            return value.applyAsDouble(bridge.videobridge());
        } catch (IllegalStateException notRunning) {
            return 0;
        }
    }
}
