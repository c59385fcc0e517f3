package org.consilium.infrastructure.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.consilium.domain.cluster.BridgeLoad;

/**
 * A registry entry as the replicated cache holds it: a small JSON text with a format version,
 * so nodes of two releases (a rolling upgrade) can read each other or at least skip what they
 * cannot read, and the cache needs no marshalling schema for an application class.
 */
final class BridgeLoadCodec {

    static final int VERSION = 1;

    private BridgeLoadCodec() {
    }

    static String encode(BridgeLoad load) {
        return Json.createObjectBuilder()
                .add("v", VERSION)
                .add("node", load.node())
                .add("media", load.mediaAddress())
                .add("conferences", load.conferences())
                .add("endpoints", load.endpoints())
                .add("relays", load.relays())
                .add("packetsIn", load.packetsInPerSecond())
                .add("packetsOut", load.packetsOutPerSecond())
                .add("loadPerCore", load.loadPerCore())
                .add("draining", load.draining())
                .add("at", load.publishedAt().toString())
                .build().toString();
    }

    /** @return the entry, or empty if it is not one this release can read */
    static Optional<BridgeLoad> decode(String text) {
        if (text == null || text.length() > 4096) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            if (json.getInt("v", -1) != VERSION) {
                return Optional.empty();
            }
            return Optional.of(new BridgeLoad(json.getString("node"), json.getString("media", ""),
                    json.getInt("conferences", 0), json.getInt("endpoints", 0), json.getInt("relays", 0),
                    json.getJsonNumber("packetsIn").longValue(), json.getJsonNumber("packetsOut").longValue(),
                    json.getJsonNumber("loadPerCore").doubleValue(), json.getBoolean("draining", false),
                    Instant.parse(json.getString("at"))));
        } catch (JsonException | ClassCastException | NullPointerException | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
