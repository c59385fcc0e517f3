package org.consilium.videobridge.browser;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/** A real browser the test drives: open the test page, run async script there, read the page's figures. */
public interface TestBrowser extends AutoCloseable {

    Json JSON = new Json();

    void open(URI page);

    /**
     * Runs {@code body} as the body of an async function with the JSON-able {@code args}
     * in {@code args}; returns what it returns, through JSON (maps, lists, numbers, strings).
     */
    Object run(String body, List<Object> args);

    @SuppressWarnings("unchecked")
    default Map<String, Object> stats() {
        return (Map<String, Object>) run("return await window.call.stats();", List.of());
    }

    /** Wraps the body so that both drivers see a function taking one JSON string and returning one. */
    static String function(String body) {
        return "async (json) => { const args = JSON.parse(json);"
                + " try { const value = await (async () => { " + body + " })();"
                + " return JSON.stringify({ value: value === undefined ? null : value }); }"
                + " catch (e) { return JSON.stringify({ error: String(e) }); } }";
    }

    static Object unwrap(String json) {
        Map<String, Object> result = JSON.toType(json, Json.MAP_TYPE);
        if (result.containsKey("error")) {
            throw new AssertionError("script failed in the browser: " + result.get("error"));
        }
        return result.get("value");
    }

    @Override
    void close();
}
