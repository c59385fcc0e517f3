package org.consilium.videobridge.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openqa.selenium.json.Json;

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi (Firefox speaks it natively;
 * Debian ships no geckodriver). Fake camera and microphone, and a profile that keeps it off
 * the network. It gathers no loopback candidates, so its tests run in a network namespace.
 */
public final class Firefox implements TestBrowser {

    static final Path BINARY = Path.of("/usr/bin/firefox-esr");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFERENCES = String.join("\n",
            "user_pref(\"media.navigator.streams.fake\", true);",
            "user_pref(\"media.navigator.permission.disabled\", true);",
            "user_pref(\"media.autoplay.default\", 0);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"toolkit.telemetry.enabled\", false);",
            "user_pref(\"app.update.auto\", false);",
            "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
            "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
            "user_pref(\"extensions.update.enabled\", false);",
            "");

    private final Path profile;
    private final Process process;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final String context;

    Firefox() throws Exception {
        this(false);
    }

    /** @param acceptInsecureCerts whether a self-signed server certificate is accepted (the integration-test server's) */
    public Firefox(boolean acceptInsecureCerts) throws Exception {
        profile = Files.createTempDirectory("consilium-firefox");
        Files.writeString(profile.resolve("user.js"), PREFERENCES);
        int port = freePort();
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
                "--remote-debugging-port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(profile.resolve("firefox.log").toFile()).start();
        socket = connect(URI.create("ws://127.0.0.1:" + port + "/session"));
        command("session.new", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("acceptInsecureCerts", acceptInsecureCerts))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contexts = (List<Map<String, Object>>) command("browsingContext.getTree", Map.of()).get("contexts");
        context = (String) contexts.get(0).get("context");
    }

    public static void assumeInstalled() {
        Prerequisite.require(Files.isExecutable(BINARY), "Debian's firefox-esr is not installed (./consilium test installs it)");
    }

    @Override
    public void open(URI page) {
        command("browsingContext.navigate", Map.of("context", context, "url", page.toString(), "wait", "complete"));
    }

    /** The page's viewport in CSS pixels (a phone's or a tablet's size; Firefox has no device emulation). */
    public void viewport(int width, int height) {
        command("browsingContext.setViewport", Map.of("context", context,
                "viewport", Map.of("width", width, "height", height)));
    }

    /** A PNG of the viewport into {@code file}. */
    public void screenshot(Path file) throws IOException {
        String png = (String) command("browsingContext.captureScreenshot", Map.of("context", context)).get("data");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    @Override
    public Object run(String body, List<Object> args) {
        Map<String, Object> result = command("script.callFunction", Map.of(
                "functionDeclaration", TestBrowser.function(body),
                "awaitPromise", true,
                "target", Map.of("context", context),
                "arguments", List.of(Map.of("type", "string", "value", JSON.toJson(args)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result.get("result");
        if (!"success".equals(result.get("type")) || value == null || !"string".equals(value.get("type"))) {
            throw new AssertionError("script failed in Firefox: " + result);
        }
        return TestBrowser.unwrap((String) value.get("value"));
    }

    private Map<String, Object> command(String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.toJson(Map.of("id", id, "method", method, "params", params)), true).join();
        try {
            Map<String, Object> message = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if ("error".equals(message.get("type"))) {
                throw new AssertionError(method + " failed: " + message.get("error") + ": " + message.get("message"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) message.get("result");
            return result;
        } catch (Exception failed) {
            throw new AssertionError(method + " got no answer from Firefox", failed);
        } finally {
            pending.remove(id);
        }
    }

    /** Firefox opens the BiDi port a moment after it starts: try until it answers. */
    private WebSocket connect(URI uri) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpClient client = HttpClient.newHttpClient();
        while (true) {
            try {
                return client.newWebSocketBuilder().buildAsync(uri, new Listener()).get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("Firefox's WebDriver BiDi did not answer at " + uri + ": "
                            + Files.readString(profile.resolve("firefox.log")), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            command("session.end", Map.of());
        } catch (AssertionError alreadyGone) {
            // closing anyway
        }
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException ignored) {
            // a temporary profile left behind is harmless
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                Map<String, Object> message = JSON.toType(text.toString(), Json.MAP_TYPE);
                text.setLength(0);
                Object id = message.get("id");
                if (id instanceof Number number) {
                    CompletableFuture<Map<String, Object>> answer = pending.get(number.longValue());
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
