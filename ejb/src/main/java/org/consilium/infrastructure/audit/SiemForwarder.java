package org.consilium.infrastructure.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
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
import org.consilium.application.audit.AuditForwarding;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streams the audit trail to the SIEM when one is configured
 * ({@code consilium.siem.host}, {@code .port} (6514), {@code .ca-file} (PEM),
 * {@code .interval} (PT1S)). Off by default: an air-gapped appliance talks only to what
 * the hospital names. While the SIEM is away, events wait in the audit table and go out,
 * in order, when it answers again.
 */
@Singleton
@Startup
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
    @ConfigProperty(name = "consilium.siem.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "consilium.siem.port", defaultValue = "6514")
    int port;

    @Inject
    @ConfigProperty(name = "consilium.siem.ca-file")
    Optional<String> caFile;

    @Inject
    @ConfigProperty(name = "consilium.siem.interval", defaultValue = "PT1S")
    Duration interval;

    private SyslogSiemSink sink;
    private boolean failing;

    @PostConstruct
    void start() {
        if (host.isEmpty() || host.get().isBlank()) {
            LOG.info("No SIEM configured (consilium.siem.host): the audit trail stays on this appliance");
            return;
        }
        if (caFile.isEmpty()) {
            LOG.severe("consilium.siem.host is set but consilium.siem.ca-file is not: nothing is sent to the SIEM");
            return;
        }
        sink = new SyslogSiemSink(host.get().strip(), port, Path.of(caFile.get()), hostname());
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("siem forwarding", false));
        LOG.info(() -> "Streaming the audit trail to " + sink.target());
    }

    @Timeout
    void forward() {
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
