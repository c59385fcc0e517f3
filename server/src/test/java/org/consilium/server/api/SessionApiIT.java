package org.consilium.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON API answers with status codes, never with the sign-in page. */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SessionApiIT {

    static final String FAILURE = "{\"error\":\"Sign-in failed. Check your user name and password.\",\"status\":401}";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void anAnonymousCallGets401NotARedirect() throws Exception {
        HttpResponse<String> me = new Browserless().get("/api/me");

        assertEquals(401, me.statusCode());
        assertTrue(me.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(me.body().contains("Sign in first."), me.body());
    }

    @Test
    void wrongPasswordUnknownUserAndEmptyFieldsGetTheSame401() throws Exception {
        List<String> attempts = List.of(
                "{\"username\":\"aortiz\",\"password\":\"wrong\"}",
                "{\"username\":\"nobody-here\",\"password\":\"consilium-demo\"}",
                "{\"username\":\"\",\"password\":\"\"}",
                "{}");
        for (String attempt : attempts) {
            HttpResponse<String> answer = new Browserless().postJson("/api/session", attempt);
            assertEquals(401, answer.statusCode(), attempt);
            assertEquals(FAILURE, answer.body(), attempt);
        }
    }

    @Test
    void signingInReturnsWhoYouAreAndOpensTheApi() throws Exception {
        Browserless client = new Browserless();

        HttpResponse<String> signedIn = client.postJson("/api/session", "{\"username\":\"srivera\",\"password\":\"consilium-demo\"}");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals("{\"displayName\":\"Sam Rivera\",\"roles\":[\"admin\"],\"username\":\"srivera\"}", signedIn.body());

        HttpResponse<String> me = client.get("/api/me");
        assertEquals(200, me.statusCode());
        assertEquals(signedIn.body(), me.body());

        assertEquals(204, client.delete("/api/session").statusCode());
        assertEquals(401, client.get("/api/me").statusCode());
    }

    @Test
    void aUserWithNoMappedGroupGets403AndStaysSignedOut() throws Exception {
        Browserless client = new Browserless();

        HttpResponse<String> refused = client.postJson("/api/session", "{\"username\":\"pdoe\",\"password\":\"consilium-demo\"}");

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("not in any group"), refused.body());
        assertEquals(401, client.get("/api/me").statusCode());
    }

    @Test
    void malformedJsonGets400WithoutInternals() throws Exception {
        for (String garbage : List.of("{\"username\":", "not json", "[1,2,3]")) {
            HttpResponse<String> answer = new Browserless().postJson("/api/session", garbage);
            assertEquals(400, answer.statusCode(), garbage + " -> " + answer.body());
            assertTrue(answer.body().contains("not valid JSON"), answer.body());
            assertFalse(answer.body().contains("Exception") || answer.body().contains("at org."), answer.body());
        }
    }

    @Test
    void anUnknownApiPathIsAJson404() throws Exception {
        Browserless client = new Browserless();
        client.postJson("/api/session", "{\"username\":\"aortiz\",\"password\":\"consilium-demo\"}");

        HttpResponse<String> missing = client.get("/api/no-such-thing");

        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("{"), missing.body());
    }
}
