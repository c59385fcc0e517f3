package org.consilium.application.call;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/**
 * The signaling channel's refusals, into the audit trail as {@code access-denied} (target
 * the room, detail {@code channel=signaling}, the reason, what was attempted, and how many
 * times): a handshake refused (no session, another site, a guest's invitation for another
 * room), a message refused (not a host, not yet admitted), a flood. Coalesced
 * ({@link RefusalCoalescer}): one event per connection and reason a minute, with the count,
 * so a flood cannot flood the trail. Also counted per reason since the start, for the log
 * and the console.
 */
@ApplicationScoped
public class CallRefusals {

    /** Every reason a refusal is given for (the metrics list each, zeros included). */
    public static final List<String> REASONS = List.of("cross-origin", "no-session", "no-role", "other-room",
            "forbidden", "rate-limited", "flood", "too-large");

    /** How often windows that are over are written out. */
    private static final long SWEEP_SECONDS = 10;
    private static final int MAX_ATTEMPTED = 64;
    private static final Logger LOG = Logger.getLogger(CallRefusals.class.getName());

    /**
     * One refusal.
     *
     * @param actor         username, {@code guest:<invitation id>}, or {@code (anonymous)}
     * @param clientAddress the client's address, or null when unknown
     * @param room          the room id the connection was for (as given: it may name no room)
     * @param reason        a code: {@code forbidden}, {@code other-room}, {@code no-session}, {@code cross-origin}, {@code rate-limited}, {@code too-large}
     * @param attempted     what was attempted: a message type, or {@code connect}
     */
    public record Refusal(String actor, List<String> roles, String clientAddress, String room, String reason,
                          String attempted) {
        public Refusal {
            roles = List.copyOf(roles);
        }
    }

    private record Key(String connection, String reason) {
    }

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService executor;

    private final RefusalCoalescer<Key, Refusal> coalescer = new RefusalCoalescer<>();
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        try {
            sweeping = executor.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warning("Coalesced signaling refusals are written only as they recur: the executor refused the sweep");
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        record(coalescer.flush(key -> true));
    }

    /**
     * A refusal on {@code connection} (a connection's id; for a refused handshake, which has
     * no connection, whatever tells the client apart: its session or address).
     */
    public void refused(String connection, Refusal refusal) {
        totals.computeIfAbsent(refusal.reason(), reason -> new AtomicLong()).incrementAndGet();
        record(coalescer.refused(new Key(connection, refusal.reason()), refusal, clock.instant()));
    }

    /** The connection closed: what was still being counted for it is written now. */
    public void closed(String connection) {
        record(coalescer.flush(key -> key.connection().equals(connection)));
    }

    /** Refusals by reason since the server started (this node). */
    public Map<String, Long> totals() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        totals.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }

    private void sweep() {
        try {
            record(coalescer.over(clock.instant()));
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not write coalesced signaling refusals: {0}", failed.getClass().getName());
        }
    }

    private void record(List<RefusalCoalescer.Due<Key, Refusal>> due) {
        for (RefusalCoalescer.Due<Key, Refusal> one : due) {
            Refusal refusal = one.detail();
            try {
                audit.record(AuditEvent.of(AuditAction.ACCESS_DENIED, refusal.actor(), refusal.roles())
                        .outcome(AuditOutcome.DENIED).from(refusal.clientAddress())
                        .target("room:" + shortened(refusal.room(), 100))
                        .detail("channel", "signaling").detail("reason", refusal.reason())
                        .detail("attempted", shortened(refusal.attempted(), MAX_ATTEMPTED))
                        .detail("count", Integer.toString(one.count())).build());
            } catch (RuntimeException failed) {
                LOG.log(Level.SEVERE, "Could not audit a signaling refusal (" + refusal.reason() + ")", failed);
            }
        }
    }

    /** What a client chose (a room id in the path, a message type) goes into the trail printable and bounded. */
    private static String shortened(String text, int max) {
        String printable = (text == null ? "" : text).replaceAll("[^\\p{Graph}]", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "...";
    }
}
