package org.consilium.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.consilium.domain.cluster.BridgeLoad;
import org.junit.jupiter.api.Test;

class BridgeLoadCodecTest {

    private static final BridgeLoad LOAD = new BridgeLoad("node-1", "10.1.0.5:10000", 3, 12, 2, 2400, 9100, 0.75, true,
            Instant.parse("2026-12-06T23:00:00.123Z"));

    @Test
    void anEntryReadsBackAsWritten() {
        assertEquals(Optional.of(LOAD), BridgeLoadCodec.decode(BridgeLoadCodec.encode(LOAD)));
    }

    @Test
    void anEntryWithoutTheDrainFlagIsANodeTakingCalls() {
        String withoutFlag = BridgeLoadCodec.encode(LOAD).replace(",\"draining\":true", "");
        assertEquals(false, BridgeLoadCodec.decode(withoutFlag).orElseThrow().draining());
    }

    @Test
    void anEntryOfTheReleaseBeforeRelaysHasNone() {
        String withoutRelays = BridgeLoadCodec.encode(LOAD).replace(",\"relays\":2", "");
        assertEquals(0, BridgeLoadCodec.decode(withoutRelays).orElseThrow().relays(), "a rolling upgrade: read, not skipped");
    }

    @Test
    void anEntryOfAnotherReleaseOrBrokenIsSkippedNotThrown() {
        String encoded = BridgeLoadCodec.encode(LOAD);
        assertEquals(Optional.empty(), BridgeLoadCodec.decode(encoded.replace("\"v\":1", "\"v\":2")));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode(encoded.replace("\"node\":\"node-1\",", "")));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode(encoded.replace("2026-12-06T23", "yesterday")));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode(encoded.substring(0, encoded.length() / 2)));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode("[]"));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode(null));
        assertEquals(Optional.empty(), BridgeLoadCodec.decode("{\"v\":1,\"node\":\"" + "x".repeat(5000) + "\"}"));
    }
}
