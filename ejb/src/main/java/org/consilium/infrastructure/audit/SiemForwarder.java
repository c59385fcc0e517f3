package org.consilium.infrastructure.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.admin.ApplianceSettingsInForce;
import org.consilium.application.audit.AuditForwarding;
import org.consilium.infrastructure.cluster.ClusterMembership;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams the audit trail to the SIEM when one is configured
 * ({@code consilium.siem.host}, {@code .port} (6514), or the console's Settings page, which
 * win; {@code .ca-file} (PEM), {@code .interval} (PT1S)). Off by default: an air-gapped appliance talks only to what
 * the hospital names. While the SIEM is away, events wait in the audit table and go out,
 * in order, when it answers again. In a cluster only the coordinator sends (the trail and
 * the cursors are in the shared database): the SIEM gets each event once, and from another
 * node within seconds when the coordinator is gone.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "ClusterMembership"}) // after the schema is migrated, as every startup bean (StartupOrderTest)
public class SiemForwarder {

    private static final Logger LOG = Logger.getLogger(SiemForwarder.class.getName());
    private static final int BATCH = 500;
    /** Batches sent per timer tick before yielding, so a long backlog drains steadily. */
    private static final int BATCHES_PER_TICK = 20;

    @Resource
    TimerService timers;

    @Inject
    AuditForwarding forwarding;

    @Inject
    ApplianceSettingsInForce settings;

    @Inject
    ClusterMembership cluster;

    @Inject
    @ConfigProperty(name = "consilium.siem.ca-file")
    Optional<String> caFile;

    @Inject
    @ConfigProperty(name = "consilium.siem.interval", defaultValue = "PT1S")
    Duration interval;

    private Optional<ApplianceSettingsInForce.SiemTarget> target = Optional.empty();
    private SyslogSiemSink sink;
    private boolean failing;

    @PostConstruct
    void start() {
        follow(settings.siem());
        if (target.isEmpty()) {
            LOG.info("No SIEM configured (consilium.siem.host, or the console's Settings): the audit trail stays on "
                    + "this appliance");
        }
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("siem forwarding", false));
    }

    @Timeout
    void forward() {
        try {
            follow(settings.siem());
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Could not read the SIEM settings; keeping " + target, unreadable);
        }
        if (sink == null || !cluster.view().coordinating()) {
            return;
        }
        try {
            for (int i = 0; i < BATCHES_PER_TICK && forwarding.forwardNext(sink, BATCH) == BATCH; i++) {
                // a full batch: more may be waiting
            }
            if (failing) {
                failing = false;
                LOG.info(() -> "The SIEM " + sink.target() + " takes audit events again");
            }
        } catch (IOException | RuntimeException unavailable) {
            if (!failing) { // say it once per outage, not every second
                failing = true;
                LOG.log(Level.WARNING, "The SIEM " + sink.target() + " is not taking audit events ("
                        + unavailable.getMessage() + "); they wait in the audit table");
            }
        }
    }

    /**
     * Switches to {@code wanted} when it changed (an administrator's change on the Settings
     * page applies here within a few seconds). A new target has its own delivery cursor, so it
     * receives the whole trail, from the first event.
     */
    private void follow(Optional<ApplianceSettingsInForce.SiemTarget> wanted) {
        if (wanted.equals(target)) {
            return;
        }
        stop();
        sink = null;
        failing = false;
        target = wanted;
        if (wanted.isEmpty()) {
            LOG.info("The SIEM was removed: the audit trail stays on this appliance");
            return;
        }
        if (caFile.isEmpty()) {
            LOG.severe("A SIEM is set (" + wanted.get() + ") but consilium.siem.ca-file is not: nothing is sent to it");
            return;
        }
        sink = new SyslogSiemSink(wanted.get().host(), wanted.get().port(), Path.of(caFile.get()), hostname());
        LOG.info(() -> "Streaming the audit trail to " + sink.target());
    }

    @PreDestroy
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException unnamed) {
            return "consilium";
        }
    }
}
