package org.consilium.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

/** The demo directory's people (server/src/test/.../directory), signed in over the API. */
public final class DemoStaff {

    public static final String PASSWORD = "consilium-demo";

    private DemoStaff() {
    }

    /** A new conversation with the server in which {@code username} has signed in. */
    public static Browserless signedIn(String username) throws Exception {
        Browserless client = new Browserless();
        HttpResponse<String> signedIn = client.postJson("/api/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        return client;
    }
}
