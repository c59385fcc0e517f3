package org.consilium.videobridge.browser;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Headless, fake devices, loopback allowed for WebRTC, no background requests. */
    static final java.util.List<String> ARGUMENTS = java.util.List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--autoplay-policy=no-user-gesture-required");

    private final ChromeDriver driver;

    Chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(ARGUMENTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    static void assumeInstalled() {
        Prerequisite.require(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed (./consilium test installs them)");
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
