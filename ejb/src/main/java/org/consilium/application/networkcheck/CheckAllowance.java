package org.consilium.application.networkcheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.consilium.videobridge.probe.ProbeRefused;

/**
 * Per client (an HTTP session): one check at a time, and at most {@code perWindow} started
 * within {@code window}. A patient presses "Test again" a few times; a script that loops
 * is told to wait. Plain Java, thread-safe.
 */
final class CheckAllowance {

    private final int perWindow;
    private final Duration window;
    private final Map<String, Client> clients = new HashMap<>();

    private static final class Client {
        final Deque<Instant> started = new ArrayDeque<>();
        boolean running;
    }

    CheckAllowance(int perWindow, Duration window) {
        this.perWindow = perWindow;
        this.window = window;
    }

    /** Counts a new check for {@code client}. @throws ProbeRefused {@code one-at-a-time} or {@code rate-limited} */
    synchronized void claim(String client, Instant now) throws ProbeRefused {
        Client one = clients.computeIfAbsent(client, key -> new Client());
        forget(one, now);
        if (one.running) {
            throw new ProbeRefused("one-at-a-time", "a network check of yours is running: wait for its result");
        }
        if (one.started.size() >= perWindow) {
            throw new ProbeRefused("rate-limited", "at most " + perWindow + " network checks in "
                    + window.toMinutes() + " minute" + (window.toMinutes() == 1 ? "" : "s") + ": try again shortly");
        }
        one.started.addLast(now);
        one.running = true;
    }

    /** The client's check is over (or never started): another may start. */
    synchronized void release(String client, Instant now) {
        Client one = clients.get(client);
        if (one == null) {
            return;
        }
        one.running = false;
        forget(one, now);
        if (one.started.isEmpty()) {
            clients.remove(client);
        }
    }

    /** Clients the allowance remembers (running, or within their window). */
    synchronized int remembered() {
        return clients.size();
    }

    private void forget(Client one, Instant now) {
        Instant since = now.minus(window);
        while (!one.started.isEmpty() && !one.started.peekFirst().isAfter(since)) {
            one.started.removeFirst();
        }
    }
}
