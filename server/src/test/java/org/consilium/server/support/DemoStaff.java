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
        return signedIn(new Browserless(), username);
    }

    /** As {@link #signedIn(String)}, with another node of the cluster ({@code client}'s). */
    public static Browserless signedIn(Browserless client, String username) throws Exception {
        HttpResponse<String> signedIn = client.postJson("/api/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        return client;
    }
}
