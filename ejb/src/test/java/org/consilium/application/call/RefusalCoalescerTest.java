package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalCoalescerTest {

    private final RefusalCoalescer<String, String> refusals = new RefusalCoalescer<>();
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aFloodIsOneEventAMinuteWithItsCountAndNothingIsLost() {
        List<RefusalCoalescer.Due<String, String>> recorded = new ArrayList<>();
        // 1,000 forbidden messages a second for 150 s on one connection.
        for (int i = 0; i < 150_000; i++) {
            now = now.plusMillis(1);
            recorded.addAll(refusals.refused("c1 forbidden", "admit", now));
            if (i % 10_000 == 0) {
                recorded.addAll(refusals.over(now));
            }
        }
        now = now.plusSeconds(61);
        recorded.addAll(refusals.over(now));
        assertEquals(1, recorded.get(0).count(), "the first refusal is recorded at once");
        assertTrue(recorded.size() <= 4, "about one event a minute, not " + recorded.size());
        assertEquals(150_000, recorded.stream().mapToInt(RefusalCoalescer.Due::count).sum(), "every refusal counted");
        assertTrue(refusals.over(now.plusSeconds(120)).isEmpty(), "a quiet key is forgotten");
    }

    @Test
    void connectionsAndReasonsAreCountedApart() {
        assertEquals(1, refusals.refused("c1 forbidden", "a", now).size());
        assertEquals(1, refusals.refused("c1 rate-limited", "b", now).size());
        assertEquals(1, refusals.refused("c2 forbidden", "c", now).size());
        assertEquals(0, refusals.refused("c1 forbidden", "d", now).size());
        var flushed = refusals.flush(key -> key.startsWith("c1 "));
        assertEquals(1, flushed.size(), "c1's pending count, when it closes");
        assertEquals(1, flushed.get(0).count());
        assertEquals("a", flushed.get(0).detail(), "with what the first refusal said");
        assertEquals(1, refusals.refused("c1 forbidden", "e", now).size(), "after the close a new window begins");
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < RefusalCoalescer.MAX_KEYS; i++) {
            refusals.refused("k" + i, "x", now);
        }
        refusals.refused("k0", "x", now); // one pending on the oldest
        var due = refusals.refused("new", "x", now);
        assertEquals(2, due.size(), "the oldest key's count, and the new key's first refusal");
        assertEquals("k0", due.get(0).key());
    }
}
