package org.consilium.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;

/** The demo directory's people, signed in over the API, and reading the API's JSON. */
final class Staff {

    private Staff() {
    }

    static Browserless signedIn(String username) throws Exception {
        return DemoStaff.signedIn(username);
    }

    static JsonObject object(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    static JsonArray array(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    /** Creates a room as {@code client}; returns its id. */
    static String createRoom(Browserless client, String name, String kind) throws Exception {
        HttpResponse<String> created = client.postJson("/api/rooms",
                "{\"displayName\":\"" + name + "\",\"kind\":\"" + kind + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return object(created).getString("id");
    }
}
