package org.consilium.server.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;

/** The staff home page, as far as these tests read it: whose it is. */
final class HomePage {

    private static final Pattern DISPLAY_NAME = Pattern.compile("id=\"display-name\"[^>]*>([^<]*)<");

    private HomePage() {
    }

    /** The display name the home page greets, asked for with this browser's card. */
    static String displayName(Browserless browser) throws Exception {
        HttpResponse<String> home = browser.get("/");
        assertEquals(200, home.statusCode(), home.body());
        Matcher name = DISPLAY_NAME.matcher(home.body());
        return name.find() ? name.group(1).strip() : "(no display name in " + home.body() + ")";
    }
}
