package org.consilium.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The console in a real browser (Debian's headless Chromium): password, then TOTP, then an
 * audit search and a chain verification, then a room policy changed on its page and found in
 * the audit search, under the server's strict Content-Security-Policy (no violation logged)
 * and with the same-origin POST check passing for the browser's own forms. Keyboard: the
 * first Tab reaches the skip link.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleBrowserIT {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String BASE = "https://localhost:" + Ports.HTTPS;

    private ChromeDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void startBrowser() {
        boolean present = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new AssertionError("Debian's chromium and chromium-driver are required (./consilium test installs them)");
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        AdminConsolePoliciesIT.restoreDefaults();
    }

    @Test
    void anAdminSignsInWithPasswordAndTotpSearchesAndVerifies() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);

        // First visit: password, then the enrolment page; the test is the phone's app.
        browser.get(BASE + "/admin/");
        signIn();
        waitForPath("/admin/enrol.xhtml");
        screenshot("enrol");
        assertTrue(browser.findElement(By.cssSelector("svg.qr-code")).isDisplayed(), "QR code shown");
        TestTotp app = new TestTotp(browser.findElement(By.id("totp-secret")).getText());
        browser.findElement(By.id("second-factor:code")).sendKeys(app.freshCode());
        browser.findElement(By.id("second-factor:submit")).click();
        waitForPath("/admin/");
        browser.findElement(By.cssSelector("form.sign-out button")).click();
        waitForPath("/login.xhtml");

        // Next visit: password, then a code.
        browser.get(BASE + "/admin/audit.xhtml");
        signIn();
        waitForPath("/admin/verify.xhtml");
        assertEquals("Second factor · Consilium administration", browser.getTitle());
        screenshot("verify");
        WebElement code = browser.findElement(By.id("second-factor:code"));
        assertEquals(code, browser.switchTo().activeElement(), "the code field has the focus");
        code.sendKeys(app.freshCode());
        browser.findElement(By.id("second-factor:submit")).click();
        waitForPath("/admin/audit.xhtml");

        browser.findElement(By.id("actor")).sendKeys(AdminConsoleIT.ADMIN);
        browser.findElement(By.cssSelector("#action option[value='sign-in']")).click();
        browser.findElement(By.id("search")).click();
        Poll.until(Duration.ofSeconds(10), browser::getCurrentUrl, url -> url.contains("action=sign-in"), "the search");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit-results tr.audit-row"));
        assertFalse(rows.isEmpty(), "the admin's sign-ins are listed");
        for (WebElement row : rows) {
            assertEquals(AdminConsoleIT.ADMIN, row.findElement(By.cssSelector("td.actor")).getText());
            assertEquals("sign-in", row.findElement(By.cssSelector("td.action")).getText());
        }

        screenshot("audit-search");
        browser.findElement(By.id("verify:submit")).click();
        WebElement result = Poll.until(Duration.ofSeconds(30),
                () -> browser.findElements(By.id("verify-result")).stream().findFirst().orElse(null),
                found -> found != null, "the verification's result");
        assertTrue(result.getText().startsWith("Verified: events "), result.getText());
        assertEquals(AdminConsoleIT.ADMIN, browser.findElement(By.id("actor")).getAttribute("value"), "criteria kept");
        screenshot("audit-verified");

        // A room policy changed through its page: in effect at once, and in the audit search.
        browser.get(BASE + "/admin/policies.xhtml");
        WebElement lifetime = browser.findElement(By.id("policies:invitation-default"));
        assertEquals("1440", lifetime.getAttribute("value"));
        lifetime.clear();
        lifetime.sendKeys("45");
        browser.findElement(By.id("policies:submit")).click();
        WebElement done = Poll.until(Duration.ofSeconds(15),
                () -> browser.findElements(By.id("policies-done")).stream().findFirst().orElse(null),
                found -> found != null, "the saved policies");
        assertTrue(done.getText().startsWith("Saved: invitation-default-minutes."), done.getText());
        assertEquals("45", browser.findElement(By.id("policies:invitation-default")).getAttribute("value"));
        assertEquals(java.util.List.of("45", "10080", "true"), AdminConsolePoliciesIT.stored());
        screenshot("policies-saved");
        WebElement grace = browser.findElement(By.id("policies:reconnect-grace"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", grace);
        screenshot("policies-reconnect-grace");
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", grace);
        screenshot("policies-reconnect-grace-phone");
        browser.manage().window().setSize(desktop);
        browser.get(BASE + "/admin/audit.xhtml?action=configuration-changed&target=policy%3Arooms");
        List<WebElement> changes = browser.findElements(By.cssSelector("#audit-results tr.audit-row"));
        assertFalse(changes.isEmpty(), "the change is in the audit search");
        String details = changes.get(0).findElement(By.cssSelector("td.details")).getText();
        assertTrue(details.contains("invitation-default-minutes=1440") && details.contains("invitation-default-minutes=45"),
                details);

        browser.get(BASE + "/admin/");
        // The first element Tab reaches from the top of the page. A headless window can drop a
        // key pressed the instant a page loads, so one that leaves focus on the body is pressed again.
        WebElement first = Poll.until(Duration.ofSeconds(10), () -> {
            WebElement focused = browser.switchTo().activeElement();
            if ("body".equals(focused.getTagName())) {
                new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
                focused = browser.switchTo().activeElement();
            }
            return focused;
        }, focused -> !"body".equals(focused.getTagName()), "focus on the page's first element");
        assertEquals("Skip to main content", first.getText());
        assertEquals("page", browser.findElement(By.linkText("Dashboard")).getAttribute("aria-current"));

        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy") || m.contains("Refused"))
                .toList();
        assertEquals(List.of(), violations, "nothing the CSP had to refuse");
    }

    private void signIn() throws InterruptedException {
        Poll.until(Duration.ofSeconds(15), () -> browser.findElements(By.id("username")), found -> !found.isEmpty(),
                "the sign-in form");
        browser.findElement(By.id("username")).sendKeys(AdminConsoleIT.ADMIN);
        browser.findElement(By.id("password")).sendKeys(ConsoleUser.PASSWORD, Keys.ENTER);
    }

    /** For a person to look at: target/admin-console/NAME.png. */
    private void screenshot(String name) throws java.io.IOException {
        Path directory = Path.of("target", "admin-console");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private void waitForPath(String path) throws InterruptedException {
        Poll.until(Duration.ofSeconds(15), browser::getCurrentUrl, url -> url.split("\\?")[0].equals(BASE + path), path);
    }
}
