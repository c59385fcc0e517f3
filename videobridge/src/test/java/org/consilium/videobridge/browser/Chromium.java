package org.consilium.videobridge.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver, with fake camera and microphone,
 * allowed to use loopback for WebRTC and kept off the network (no background requests).
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    Chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Skips when Chromium is missing on a developer's plain {@code mvn test}; under
     * {@code ./consilium test}, which installs it and sets CONSILIUM_REQUIRE_BROWSERS, a missing browser fails.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!installed && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new IllegalStateException("chromium and chromium-driver must be installed (./consilium test does it)");
        }
        Assumptions.assumeTrue(installed, "Debian chromium and chromium-driver are not installed");
    }

    void open(java.net.URI page) {
        driver.get(page.toString());
    }

    /** Runs an async function body; {@code done} is the callback Selenium passes last. */
    Object await(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "(async () => { " + script + " })().then(done, e => done({error: String(e)}));", args);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        return (Map<String, Object>) await("return await window.call.stats();");
    }

    @Override
    public void close() {
        driver.quit();
    }

}
