package org.consilium.web.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void aConnectionHeardFromIsPingedAndASilentOneIsClosedOnce() {
        Heartbeat heartbeat = new Heartbeat();
        Connection talking = new Connection(System.nanoTime());
        Connection silent = new Connection(System.nanoTime() - TimeUnit.SECONDS.toNanos(Heartbeat.SILENT_SECONDS + 1));
        heartbeat.add(talking);
        heartbeat.add(silent);

        heartbeat.beat();
        heartbeat.beat();

        assertEquals(2, talking.pings);
        assertEquals(0, talking.closes);
        assertEquals(0, silent.pings);
        assertEquals(1, silent.closes, "closed, and no longer watched");
    }

    private static final class Connection implements Heartbeat.Beating {
        final long heard;
        int pings;
        int closes;

        Connection(long heard) {
            this.heard = heard;
        }

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public long lastHeard() {
            return heard;
        }

        @Override
        public void silent() {
            closes++;
        }
    }
}
