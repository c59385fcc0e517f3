package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.probe.LoopbackProbe;
import org.consilium.videobridge.probe.LoopbackProbes;
import org.consilium.web.json.StrictJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A network check's messages on a real bridge on loopback: refusals are said, and only a refused offer ends the check. */
class NetworkCheckCommandsTest {

    private ExecutorService executor;
    private Videobridge bridge;
    private LoopbackProbe probe;

    @BeforeEach
    void start() throws Exception {
        executor = Executors.newCachedThreadPool();
        bridge = Videobridge.start(BridgeConfig.loopback(), executor);
        probe = new LoopbackProbes(bridge).open();
    }

    @AfterEach
    void stop() throws Exception {
        probe.close();
        bridge.close();
        executor.shutdownNow();
    }

    @Test
    void wrongMessagesAreRefusedByNameAndTheCheckGoesOn() {
        assertRefused("{\"type\":\"join\"}", "unknown-type", "a network check takes 'offer' and 'leave'");
        assertRefused("{\"type\":\"offer\",\"connection\":\"both\",\"sdp\":\"v=0\"}", "invalid",
                "'connection' must be \"send\" or \"receive\"");
        assertRefused("{\"type\":\"offer\",\"connection\":\"send\"}", "invalid", null);
        assertRefused("{\"type\":\"offer\",\"connection\":\"send\",\"sdp\":7}", "invalid", null);
        assertRefused("{\"type\":\"offer\",\"connection\":\"receive\",\"sdp\":\"v=0\"}", "out-of-order",
                "the sending connection offers first");
        assertFalse(probe.isOver());
    }

    @Test
    void anOfferTheBridgeCannotAnswerEndsTheCheck() {
        NetworkCheckCommands.Reply reply = NetworkCheckCommands.apply(probe,
                StrictJson.object("{\"type\":\"offer\",\"connection\":\"send\",\"sdp\":\"v=0\\r\\n\"}"));
        assertEquals("sdp", reply.message().getString("code"));
        assertTrue(reply.over(), "the page is closed: its check is over");
        assertTrue(bridge.findConference(probe.id()).isEmpty());
    }

    private void assertRefused(String message, String code, String text) {
        NetworkCheckCommands.Reply reply = NetworkCheckCommands.apply(probe, StrictJson.object(message));
        JsonObject error = reply.message();
        assertEquals("error", error.getString("type"), message);
        assertEquals(code, error.getString("code"), message);
        if (text != null) {
            assertEquals(text, error.getString("message"));
        }
        assertFalse(reply.over(), message);
    }
}
