package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcMapTest {

    @Test
    void behavesAsAMapOfIntegersForAnySsrcIncludingZeroAndNegatives() {
        Random random = new Random(7);
        Map<Integer, String> expected = new HashMap<>();
        SsrcMap<String> map = SsrcMap.empty();
        for (int i = 0; i < 300; i++) {
            int ssrc = i % 50 == 0 ? i / 50 - 3 : random.nextInt(); // a few small ones, 0 and negatives
            map = map.with(ssrc, "v" + i);
            expected.put(ssrc, "v" + i);
        }
        assertEquals(expected.size(), map.size());
        for (Map.Entry<Integer, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), map.get(entry.getKey()));
        }
        assertNull(map.get(123456789));
        SsrcMap<String> odd = map.retaining(ssrc -> (ssrc & 1) == 1);
        expected.keySet().forEach(ssrc -> assertEquals((ssrc & 1) == 1, odd.containsKey(ssrc)));
        assertEquals(expected.size(), map.size(), "retaining made a copy");
    }

    @Test
    void aPublishedMapIsNeverChangedByWith() {
        SsrcMap<String> one = SsrcMap.<String>empty().with(1, "a");
        SsrcMap<String> two = one.with(2, "b").with(1, "c");

        assertEquals("a", one.get(1));
        assertFalse(one.containsKey(2));
        assertEquals("c", two.get(1));
        assertEquals(2, two.size());
        assertTrue(SsrcMap.empty().values().isEmpty());
        assertEquals(List.of("x"), SsrcMap.of(List.of("x"), s -> 5).values());
    }
}
