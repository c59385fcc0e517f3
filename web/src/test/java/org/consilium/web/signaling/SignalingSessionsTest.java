package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.consilium.application.SessionPolicy;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout of a session in a call: suspended while a connection is open, given back at
 * the last close; and given back on a survivor when the connections died with another appliance
 * (the session came from the cluster's copy with its timeout suspended).
 */
class SignalingSessionsTest {

    private static final int IDLE = 900;

    private final SignalingSessions sessions = new SignalingSessions();

    SignalingSessionsTest() {
        sessions.policy = new SessionPolicy() {
            @Override
            public Duration idleTimeout() {
                return Duration.ofSeconds(IDLE);
            }
        };
    }

    @Test
    void aCallSuspendsTheTimeoutAndItsLastCloseGivesItBack() {
        HttpSession session = session("a", 600);
        SignalingSessions.Ending one = () -> { };
        SignalingSessions.Ending two = () -> { };
        assertTrue(sessions.opened(session, one));
        assertTrue(sessions.opened(session, two));
        assertEquals(-1, session.getMaxInactiveInterval());
        sessions.request(session); // a page of the same session meanwhile: the call goes on
        assertEquals(-1, session.getMaxInactiveInterval());
        sessions.closed(session, one);
        assertEquals(-1, session.getMaxInactiveInterval());
        sessions.closed(session, two);
        assertEquals(600, session.getMaxInactiveInterval());
    }

    @Test
    void aSessionSuspendedByADeadApplianceGetsTheIdleTimeoutBackAtItsNextRequest() {
        HttpSession session = session("b", -1);
        sessions.request(session);
        assertEquals(IDLE, session.getMaxInactiveInterval());
    }

    @Test
    void aSessionSuspendedByADeadApplianceGetsTheIdleTimeoutBackWhenItsCallHereEnds() {
        HttpSession session = session("c", -1);
        SignalingSessions.Ending reconnected = () -> { };
        assertTrue(sessions.opened(session, reconnected));
        assertEquals(-1, session.getMaxInactiveInterval());
        sessions.closed(session, reconnected);
        assertEquals(IDLE, session.getMaxInactiveInterval());
    }

    /** A session with an id and a timeout, nothing else. */
    private static HttpSession session(String id, int timeout) {
        Map<String, Object> state = new HashMap<>(Map.of("timeout", timeout));
        return (HttpSession) Proxy.newProxyInstance(SignalingSessionsTest.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getMaxInactiveInterval" -> state.get("timeout");
                    case "setMaxInactiveInterval" -> state.put("timeout", args[0]) == null ? null : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
