package org.consilium.server.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.consilium.server.support.Browserless;

/** What the signaling ITs share: a room to call in, JSON read and written by hand, Chromium's recorded offer. */
final class CallFixtures {

    private CallFixtures() {
    }

    /** Creates a visit room as {@code owner}; returns its id. */
    static String createRoom(Browserless owner, String name) throws Exception {
        HttpResponse<String> created = owner.postJson("/api/rooms", "{\"displayName\":\"" + name + "\",\"kind\":\"visit\"}");
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).asJsonObject().getString("id");
    }

    static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** {@code text} as a JSON string literal. */
    static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    /** The offer Chromium 156 made for a call with camera and microphone (src/test/resources/sdp). */
    static String chromiumOffer() throws Exception {
        try (InputStream in = CallFixtures.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
