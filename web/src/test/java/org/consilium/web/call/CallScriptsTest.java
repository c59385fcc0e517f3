package org.consilium.web.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The call page's modules (static/call) in Debian's headless Chromium, as the page runs them:
 * served from one origin under the appliance's Content-Security-Policy, each test module in
 * src/test/js/call importing the real one. Pure parts (what the page asks the bridge for, how
 * an allocation is shown) and the WebRTC parts Chromium can check without a bridge (a sender
 * taking layer and screen parameters). Skipped without the browser, as the browser ITs are.
 */
class CallScriptsTest {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Path TESTS = Path.of("src/test/js");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static HttpServer server;
    private static ChromeDriver chromium;

    @BeforeAll
    static void serveAndOpen() throws Exception {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are not installed");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", CallScriptsTest::serve);
        server.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800");
        chromium = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleTestPasses() throws Exception {
        chromium.get("http://127.0.0.1:" + server.getAddress().getPort() + "/test/call/run.html");
        Instant deadline = Instant.now().plus(PATIENCE);
        Object results = null;
        while (results == null && Instant.now().isBefore(deadline)) {
            results = chromium.executeScript("return window.callScriptResults || null;");
            if (results == null) {
                Thread.sleep(50); // polling the page, with a deadline
            }
        }
        assertTrue(results != null, "the tests did not finish in " + PATIENCE + " (a module failed to load?)");
        Map<String, List<String>> outcome = (Map<String, List<String>>) results;
        assertEquals(List.of(), outcome.get("failed"));
        assertTrue(outcome.get("passed").size() >= 15, "passed: " + outcome.get("passed"));
    }

    /** Static files of the web app and the tests, with the appliance's security headers. */
    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Path file = path.startsWith("/static/") ? WEBAPP.resolve(path.substring(1))
                : path.startsWith("/test/") ? TESTS.resolve(path.substring("/test/".length())) : null;
        try (exchange) {
            if (file == null || path.contains("..") || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            if (path.equals("/test/call/run.html")) {
                body = new String(body, StandardCharsets.UTF_8).replace("SCREEN_CHOICE", screenChoiceMarkup())
                        .replace("RECORDING", recordingMarkup())
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript"
                    : path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy());
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The screen-share dialog as the call page has it (client.xhtml), for the dialog's test. */
    private static String screenChoiceMarkup() throws IOException {
        return element("<dialog id=\"screen-choice\"", "</dialog>");
    }

    /** The recording's parts of the call page (client.xhtml): Record button, indicator, notice, consent dialog. */
    private static String recordingMarkup() throws IOException {
        return element("<button type=\"button\" id=\"record-button\"", "</button>")
                + element("<div id=\"recording-indicator\"", "</div>")
                + element("<div id=\"recording-stopped\"", "</div>")
                + element("<dialog id=\"recording-consent\"", "</dialog>");
    }

    /** The page's markup from {@code opening} to the first {@code closing} after it. */
    private static String element(String opening, String closing) throws IOException {
        String page = Files.readString(WEBAPP.resolve("WEB-INF/call/client.xhtml"));
        int start = page.indexOf(opening);
        int end = page.indexOf(closing, start);
        assertTrue(start >= 0 && end > start, "client.xhtml has " + opening);
        return page.substring(start, end + closing.length());
    }

    /** The policy every page of the appliance is served with (SecurityHeadersFilter). */
    private static String contentSecurityPolicy() {
        try {
            var field = Class.forName("org.consilium.web.security.SecurityHeadersFilter")
                    .getDeclaredField("CONTENT_SECURITY_POLICY");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("the appliance's Content-Security-Policy", missing);
        }
    }
}
