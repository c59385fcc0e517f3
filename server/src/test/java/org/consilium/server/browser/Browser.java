package org.consilium.server.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One person's headless Chromium (Debian's, through Debian's chromedriver): fake camera,
 * microphone and screen, loopback allowed for WebRTC, the test server's self-signed
 * certificate accepted, no background traffic. Waits poll the page with a deadline.
 */
final class Browser implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String BASE = "https://localhost:" + Ports.HTTPS;

    private final ChromeDriver driver;
    private final String base;

    Browser() {
        this(BASE);
    }

    /** A browser whose relative paths go to {@code base} (another node, or the cluster's shared address). */
    Browser(String base) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /** Skips without the browsers on a developer's machine; fails under ./consilium test, which installs them. */
    static void assumeInstalled() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are not installed");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
    }

    void open(String path) {
        driver.get(path.startsWith("https:") ? path : base + path);
    }

    /** Signs in through the form, as a person would. */
    void signIn(String username, String password) throws InterruptedException {
        open("/");
        type("username", username);
        type("password", password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        visible("rooms");
    }

    void type(String id, String text) throws InterruptedException {
        WebElement field = visible(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Keys typed into whatever has the focus, as a person at the keyboard would. */
    void keys(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** Answers the page's open window.confirm (waiting for it) with Cancel; returns its question. */
    String dismissConfirm() throws InterruptedException {
        org.openqa.selenium.Alert alert = Poll.until(PATIENCE, () -> {
            try {
                return driver.switchTo().alert();
            } catch (org.openqa.selenium.NoAlertPresentException notYet) {
                return null;
            }
        }, java.util.Objects::nonNull, "a confirmation asked");
        String question = alert.getText();
        alert.dismiss();
        return question;
    }

    /** Keys pressed as a person would, to whatever has the focus (the page itself when nothing has). */
    void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    /** The id of the element that has the focus (empty when it has none). */
    String focused() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** The page's title, as the browser's tab shows it. */
    String title() {
        return driver.getTitle();
    }

    void click(String id) throws InterruptedException {
        clickWhenEnabled(By.id(id));
    }

    /** Clicks once the element is there, shown and enabled; a page that redraws it meanwhile is asked again. */
    void clickWhenEnabled(By by) throws InterruptedException {
        Poll.until(PATIENCE, () -> {
            WebElement element = driver.findElement(by);
            if (element.isDisplayed() && element.isEnabled()) {
                element.click();
                return true;
            }
            return false;
        }, Boolean::booleanValue, "clickable " + by);
    }

    WebElement visible(String id) throws InterruptedException {
        return visible(By.id(id));
    }

    WebElement visible(By by) throws InterruptedException {
        return Poll.until(PATIENCE, () -> driver.findElement(by), WebElement::isDisplayed, "visible " + by);
    }

    String text(String id) throws InterruptedException {
        return visible(id).getText();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The call client's view of what it receives (window.consiliumCall.stats(), static/call/main.js). */
    @SuppressWarnings("unchecked")
    Map<String, Object> callStats() {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.consiliumCall.stats().then(done, (e) => done({failure: String(e)}));");
    }

    /** With {@code -Dconsilium.it.screenshots=<dir>}, saves what the page looks like now (for debugging). */
    void screenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("consilium.it.screenshots");
        if (dir != null) {
            Path file = Path.of(dir, name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }

    /** axe-core's serious and critical findings on the page as it is now (none expected). */
    List<String> seriousAccessibilityProblems() {
        return org.consilium.server.support.Axe.serious(org.consilium.server.support.Axe.violations(driver));
    }

    /**
     * Emulates a screen of {@code width} × {@code height} CSS pixels ({@code mobile}: as a
     * phone, where the page's viewport meta tag applies).
     */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /**
     * What a click at the centre of the element would hit, after scrolling it into view:
     * null when it is the element itself (or inside it), else a description of what covers it.
     */
    String coveringElement(By by) throws InterruptedException {
        WebElement target = visible(by);
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const target = arguments[0];
                target.scrollIntoView({block: 'center', inline: 'center'});
                const box = target.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                if (hit === target || target.contains(hit)) {
                  return null;
                }
                if (hit === null) {
                  return 'nothing (outside the viewport)';
                }
                const tile = hit.closest('[data-participant]');
                return hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') + '.' + [...hit.classList].join('.')
                    + (tile ? ' in ' + tile.tagName.toLowerCase() + '.' + [...tile.classList].join('.') : '');
                """, target);
    }

    /** The page's address now (after redirects). */
    String url() {
        return driver.getCurrentUrl();
    }

    /** The value of the page's cookie {@code name}, or null. */
    String cookie(String name) {
        org.openqa.selenium.Cookie cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    Object script(String body) {
        return ((JavascriptExecutor) driver).executeScript(body);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
