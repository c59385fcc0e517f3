package org.consilium.web.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds connections whose browser has gone without a word (lid closed, network gone: no
 * close ever arrives, and a quiet call sends nothing that could fail). Every
 * {@value #PING_SECONDS} s each open connection is pinged (browsers answer pings by
 * themselves); one that has sent nothing, pong or message, for {@value #SILENT_SECONDS} s
 * is closed: a leave, and its HTTP session gets its idle timeout back.
 */
@ApplicationScoped
public class Heartbeat {

    static final long PING_SECONDS = 20;
    static final long SILENT_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    /** One connection as the heartbeat sees it. */
    interface Beating {
        /** Sends a ping; never throws. */
        void ping();

        /** When the browser was last heard from ({@link System#nanoTime()}). */
        long lastHeard();

        /** Closes the connection: its browser has not answered. */
        void silent();
    }

    private final Set<Beating> connections = ConcurrentHashMap.newKeySet();

    @Resource
    ManagedScheduledExecutorService executor;

    private ScheduledFuture<?> beating;

    @PostConstruct
    void start() {
        try {
            beating = executor.scheduleWithFixedDelay(this::beat, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warning("No heartbeat for signaling connections: the executor refused it");
        }
    }

    @PreDestroy
    void stop() {
        if (beating != null) {
            beating.cancel(false);
        }
    }

    void add(Beating connection) {
        connections.add(connection);
    }

    void remove(Beating connection) {
        connections.remove(connection);
    }

    /** One round: ping who answers, close who has been silent too long. */
    void beat() {
        long now = System.nanoTime();
        for (Beating connection : List.copyOf(connections)) {
            try {
                if (now - connection.lastHeard() > TimeUnit.SECONDS.toNanos(SILENT_SECONDS)) {
                    connections.remove(connection);
                    connection.silent();
                } else {
                    connection.ping();
                }
            } catch (RuntimeException failed) {
                LOG.log(Level.FINE, "heartbeat of a signaling connection failed", failed);
            }
        }
    }
}
