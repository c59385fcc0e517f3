package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReceiverRoutesTest {

    private static final Endpoint[] NOBODY = new Endpoint[0];

    @Test
    void aRouteComputedBeforeAChangeIsNotKept() {
        ReceiverRoutes routes = new ReceiverRoutes();
        routes.invalidate(); // the table is the empty one, as after any earlier change
        long computedIn = routes.generation();
        // ... the receive thread reads the placements: the newcomer has no slot yet ...
        routes.invalidate(); // the newcomer's answer places the source for it
        routes.publish(computedIn, 0x1234, NOBODY);
        assertNull(routes.get(0x1234), "a stale route would keep the newcomer from this source until the next change");
    }

    @Test
    void aRouteComputedWithoutAChangeIsKeptAlongsideOthers() {
        ReceiverRoutes routes = new ReceiverRoutes();
        long computedIn = routes.generation();
        routes.publish(computedIn, 1, NOBODY);
        routes.publish(computedIn, 2, NOBODY);
        assertArrayEquals(NOBODY, routes.get(1));
        assertArrayEquals(NOBODY, routes.get(2));
        routes.invalidate();
        assertNull(routes.get(1));
    }
}
