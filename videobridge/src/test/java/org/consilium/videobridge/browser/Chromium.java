package org.consilium.videobridge.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver, with fake camera and microphone,
 * allowed to use loopback for WebRTC and kept off the network (no background requests).
 */
final class Chromium implements TestBrowser {

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

    @Override
    public void open(java.net.URI page) {
        driver.get(page.toString());
    }

    @Override
    public Object run(String body, java.util.List<Object> args) {
        Object json = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "(" + TestBrowser.function(body) + ")(arguments[0]).then(done);", JSON.toJson(args));
        return TestBrowser.unwrap((String) json);
    }

    @Override
    public void close() {
        driver.quit();
    }

}
