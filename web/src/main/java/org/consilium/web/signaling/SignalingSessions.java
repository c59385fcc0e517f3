package org.consilium.web.signaling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP sessions behind open signaling connections. A session does not expire while
 * one of its connections is open: a call is activity, though the WebSocket never touches
 * the session (it gets no idle timeout while connected; the one it had is given back,
 * counted from then, when its last connection closes). And signing out ends the call for
 * the person whose session it was.
 */
@ApplicationScoped
public class SignalingSessions {

    /** What to do to one connection when its session ends. */
    @FunctionalInterface
    public interface Ending {
        void sessionEnded();
    }

    private static final Logger LOG = Logger.getLogger(SignalingSessions.class.getName());

    /** By HTTP session id; guarded by itself. */
    private final Map<String, Kept> kept = new HashMap<>();

    private static final class Kept {
        final HttpSession session;
        final int idleTimeout;
        final Set<Ending> connections = new LinkedHashSet<>();

        Kept(HttpSession session, int idleTimeout) {
            this.session = session;
            this.idleTimeout = idleTimeout;
        }
    }

    /**
     * A connection of {@code session} opened: the session stays while it is open.
     *
     * @return false when the session has ended already (the connection must not go on)
     */
    public boolean opened(HttpSession session, Ending connection) {
        try {
            synchronized (kept) {
                Kept entry = kept.get(session.getId());
                if (entry == null) {
                    entry = new Kept(session, session.getMaxInactiveInterval());
                    session.setMaxInactiveInterval(-1); // no idle timeout while in a call
                    kept.put(session.getId(), entry);
                }
                entry.connections.add(connection);
                return true;
            }
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /** A connection closed; the last one of its session gives the session its idle timeout back. */
    public void closed(HttpSession session, Ending connection) {
        synchronized (kept) {
            String id;
            try {
                id = session.getId();
            } catch (IllegalStateException invalidated) {
                return;
            }
            Kept entry = kept.get(id);
            if (entry == null || !entry.connections.remove(connection) || !entry.connections.isEmpty()) {
                return;
            }
            kept.remove(id);
            try {
                entry.session.setMaxInactiveInterval(entry.idleTimeout);
            } catch (IllegalStateException invalidated) {
                // it ended meanwhile: nothing to give back
            }
        }
    }

    /**
     * The person signs out of {@code session}: their calls end now, with a word, before the
     * session goes (the container closes the connections of an invalidated session itself,
     * with 1008 and no reason, as Jakarta WebSocket requires).
     */
    public void signingOut(HttpSession session) {
        try {
            ended(session.getId());
        } catch (IllegalStateException invalidated) {
            // it has gone already, and its connections with it
        }
    }

    /** The session ended (signed out, or invalidated otherwise): its connections' calls end. */
    void ended(String sessionId) {
        List<Ending> connections;
        synchronized (kept) {
            Kept entry = kept.remove(sessionId);
            connections = entry == null ? List.of() : List.copyOf(entry.connections);
        }
        for (Ending connection : connections) {
            try {
                connection.sessionEnded();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Could not end a signaling connection of an ended session: {0}",
                        failed.getClass().getName());
            }
        }
    }

    /** The session got a new id (sign-in in another tab, a guest's new invitation): the same session still. */
    void renamed(String oldId, String newId) {
        synchronized (kept) {
            Kept entry = kept.remove(oldId);
            if (entry != null) {
                kept.put(newId, entry);
            }
        }
    }
}
