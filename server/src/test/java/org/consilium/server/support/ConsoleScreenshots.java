package org.consilium.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Screenshots of a console page as a signed-in session sees it, at desktop and phone sizes,
 * into {@code target/admin-console/}: the session of an HTTP-level test is carried into
 * Debian's headless Chromium by its cookie, so a test that made a state (two nodes in a
 * cluster, say) can show it without signing in again. Without Chromium it does nothing (the
 * console's browser ITs require it under {@code ./consilium test}).
 */
public final class ConsoleScreenshots {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BASE = "https://localhost:" + Ports.HTTPS;

    private ConsoleScreenshots() {
    }

    /**
     * Opens {@code path} with {@code session}'s cookie, waits for the element {@code shown} to be
     * displayed, scrolls it into view, and saves {@code name}.png and {@code name}-phone.png.
     */
    public static void take(Browserless session, String path, String shown, String name) throws Exception {
        takeAndCheck(session, path, shown, name, false);
    }

    /**
     * As {@link #take}, and runs axe-core ({@link Axe}) on the page at both sizes: returns its
     * serious and critical violations (each prefixed with the size), empty when there are
     * none, or when Chromium or axe is not installed (which {@code ./consilium test} requires).
     */
    public static List<String> takeAndCheck(Browserless session, String path, String shown, String name)
            throws Exception {
        return takeAndCheck(session, path, shown, name, true);
    }

    private static List<String> takeAndCheck(Browserless session, String path, String shown, String name, boolean axe)
            throws Exception {
        List<String> serious = new ArrayList<>();
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            if (axe && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
                throw new AssertionError("Chromium and chromedriver are required: ./consilium test installs them");
            }
            return serious;
        }
        boolean checking = axe && Axe.installed();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", "--no-first-run", "--window-size=1280,900");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(), options);
        try {
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            browser.get(BASE + "/login.xhtml"); // a page of the origin, so that its cookie can be set
            browser.manage().addCookie(new Cookie.Builder("CONSILIUM_SESSION",
                    session.cookie("CONSILIUM_SESSION").orElseThrow().getValue())
                    .path("/").isSecure(true).isHttpOnly(true).build());
            browser.get(BASE + path);
            WebElement element = Poll.until(Duration.ofSeconds(15), () -> browser.findElement(By.id(shown)),
                    WebElement::isDisplayed, "#" + shown + " on " + path);
            Path directory = Files.createDirectories(Path.of("target", "admin-console"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", element);
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            if (checking) {
                Axe.serious(Axe.violations(browser)).forEach(v -> serious.add("desktop: " + v));
            }
            browser.manage().window().setSize(new Dimension(390, 844));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", element);
            Files.write(directory.resolve(name + "-phone.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            if (checking) {
                Axe.serious(Axe.violations(browser)).forEach(v -> serious.add("phone: " + v));
            }
        } finally {
            browser.quit();
        }
        return serious;
    }
}
