package org.consilium.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.consilium.server.support.Axe;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.SignInDelays;
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
 * The accessibility check of issue 8: axe-core (from npm, pinned in src/test/axe, put in
 * target/axe by the build) runs in headless Chromium on every console page, in the states
 * a person sees (an error next to a field, a result shown), and on the call client's pages
 * (home and the device preview); no violation of impact serious or critical is allowed.
 * axe is given to the page through WebDriver (DevTools), which the page's
 * Content-Security-Policy does not govern; the CSP itself stays as strict as ever (no
 * violation logged). Also: the dashboard refreshes itself from its JSON without a reload.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleAccessibilityIT {

    static final String BASE = "https://localhost:" + Ports.HTTPS;
    static final Path AXE = Axe.SCRIPT;

    private ChromeDriver browser;
    private final Map<String, List<String>> findings = new LinkedHashMap<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void startBrowser() throws Exception {
        boolean present = Files.isExecutable(AdminConsoleBrowserIT.BINARY) && Files.isExecutable(AdminConsoleBrowserIT.DRIVER)
                && Files.isRegularFile(AXE);
        if (!present && System.getenv("CONSILIUM_REQUIRE_BROWSERS") != null) {
            throw new AssertionError("Chromium, chromedriver and axe-core (" + AXE + ", installed from npm by the build) "
                    + "are required: ./consilium test installs them");
        }
        Assumptions.assumeTrue(present, "Chromium, chromedriver or axe-core (npm) is not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(AdminConsoleBrowserIT.BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(AdminConsoleBrowserIT.DRIVER.toFile()).usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyConsolePageAndTheCallClientHaveNoSeriousOrCriticalViolations() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
        browser.get(BASE + "/admin/");
        signIn();
        waitForPath("/admin/enrol.xhtml");
        check("enrol");
        TestTotp app = new TestTotp(browser.findElement(By.id("totp-secret")).getText());
        browser.findElement(By.id("second-factor:code")).sendKeys("12345", Keys.ENTER);
        visible("code-error");
        check("enrol, with an error");
        browser.findElement(By.id("second-factor:code")).clear();
        browser.findElement(By.id("second-factor:code")).sendKeys(app.freshCode(), Keys.ENTER);
        waitForPath("/admin/");

        check("dashboard");
        String before = browser.findElement(By.id("dashboard-updated")).getText();
        assertEquals("updated every 5 seconds.", browser.findElement(By.id("dashboard-refresh")).getText());
        Poll.until(Duration.ofSeconds(20), () -> browser.findElement(By.id("dashboard-updated")).getText(),
                now -> !now.equals(before), "the dashboard refreshing itself");
        assertEquals("updated every 5 seconds.", browser.findElement(By.id("dashboard-refresh")).getText(),
                "still polling");
        check("dashboard, refreshed");

        browser.get(BASE + "/admin/audit.xhtml?actor=" + AdminConsoleIT.ADMIN);
        check("audit");
        browser.findElement(By.id("verify:submit")).click();
        visible("verify-result");
        check("audit, verified");

        browser.get(BASE + "/admin/second-factors.xhtml");
        check("second factors");
        browser.findElement(By.id("reset:username")).sendKeys(AdminConsoleIT.ADMIN, Keys.ENTER);
        visible("reset-error");
        check("second factors, with an error");

        SignInDelays.walkUp("nobody-a11y", "127.0.0.9", Duration.ofSeconds(8)); // a row to see and lift
        browser.get(BASE + "/admin/sign-in-delays.xhtml");
        visible("delays");
        check("sign-in delays");
        screenshots("sign-in-delays");
        browser.findElement(By.cssSelector("tr[data-delay='nobody-a11y@127.0.0.9'] input[type=submit]")).click();
        visible("lift-done");
        check("sign-in delays, lifted");
        screenshots("sign-in-delays-lifted");

        browser.get(BASE + "/admin/recordings.xhtml");
        visible("latest-heading");
        check("recordings");
        WebElement visitDays = browser.findElement(By.id("retention:visit"));
        visitDays.clear();
        visitDays.sendKeys("0", Keys.ENTER); // out of range: refused, nothing changed
        visible("visit-error");
        check("recordings, with an error");

        browser.get(BASE + "/admin/keys.xhtml");
        check("keys");
        screenshots("keys");
        tabTo("rotate:confirmation"); // the keyboard reaches the form, in order
        browser.switchTo().activeElement().sendKeys("no", Keys.ENTER);
        visible("rotate-error");
        check("keys, with an error");
        screenshots("keys-error");

        browser.get(BASE + "/admin/policies.xhtml");
        check("room policies");
        WebElement lifetime = browser.findElement(By.id("policies:invitation-default"));
        lifetime.clear();
        lifetime.sendKeys("0", Keys.ENTER); // out of range: refused, nothing changed
        visible("invitation-default-error");
        check("room policies, with an error");

        browser.get(BASE + "/admin/directory.xhtml");
        check("directory");
        browser.findElement(By.id("test:submit")).click();
        visible("test-result");
        tabTo("lookup:username");
        browser.switchTo().activeElement().sendKeys("aortiz", Keys.ENTER);
        visible("lookup-result");
        check("directory, tested and looked up");
        browser.findElement(By.id("lookup:username")).clear();
        browser.findElement(By.id("lookup:submit")).click();
        visible("username-error");
        check("directory, with an error");
        WebElement firstNewGroup = browser.findElement(By.cssSelector("#mapping-table tr.mapping-row:nth-child(4) input.clinician"));
        firstNewGroup.click(); // a role without a group: refused next to the line
        browser.findElement(By.id("mapping:save")).click();
        visible("mapping-error-4");
        check("directory, mapping with an error");

        browser.get(BASE + "/admin/settings.xhtml");
        check("settings");
        WebElement port = browser.findElement(By.id("settings:siem-port"));
        port.clear();
        port.sendKeys("70000", Keys.ENTER); // out of range: refused, nothing changed
        visible("siem-port-error");
        check("settings, with an error");

        browser.get(BASE + "/");
        visible("rooms");
        check("home (rooms)");
        browser.get(BASE + "/call.xhtml?room=" + UUID.randomUUID());
        visible("preview");
        Poll.until(Duration.ofSeconds(20), () -> browser.findElement(By.id("join-button")).isEnabled(), on -> on,
                "the device preview");
        check("call: device preview");

        browser.findElement(By.cssSelector("form.sign-out button")).click();
        waitForPath("/login.xhtml");
        check("sign-in");
        browser.get(BASE + "/admin/");
        signIn();
        waitForPath("/admin/verify.xhtml");
        check("second-factor code");

        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy") || m.contains("Refused"))
                .toList();
        assertEquals(List.of(), violations, "nothing the CSP had to refuse");
        assertTrue(findings.values().stream().allMatch(List::isEmpty),
                () -> "serious or critical accessibility violations (axe-core):\n" + report());
    }

    /**
     * With {@code -Dconsilium.it.screens=DIR}: the page as it is now at desktop (1280x800) and
     * phone (390x844) sizes, as PNG files for review; nothing otherwise.
     */
    private void screenshots(String name) throws Exception {
        String dir = System.getProperty("consilium.it.screens");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(dir));
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
            byte[] png = browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(Path.of(dir, name + "-" + size[0] + "x" + size[1] + ".png"), png);
        }
        browser.manage().window().setSize(before);
    }

    /** Runs axe-core on the page as it is now and keeps its serious and critical violations. */
    private void check(String state) {
        List<String> violations = Axe.violations(browser);
        List<String> found = new ArrayList<>();
        String page = state + " (" + browser.getCurrentUrl().replace(BASE, "") + ")";
        found.addAll(Axe.serious(violations));
        violations.stream().filter(v -> !found.contains(v)) // moderate and minor: reported, not failed
                .forEach(v -> System.out.println("axe, " + page + ": " + v));
        System.out.println("axe checked " + page + ": " + found.size() + " serious or critical");
        findings.put(page, found);
    }

    private String report() {
        StringBuilder out = new StringBuilder();
        findings.forEach((page, found) -> found.forEach(v -> out.append("  ").append(page).append(": ").append(v)
                .append('\n')));
        return out.toString();
    }

    /** Presses Tab from the top of the page until {@code id} has the focus (at most 60 times). */
    private void tabTo(String id) {
        browser.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        for (int presses = 0; presses < 60; presses++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
        }
        throw new AssertionError("Tab never reaches #" + id + " on " + browser.getCurrentUrl());
    }

    private void signIn() throws InterruptedException {
        Poll.until(Duration.ofSeconds(15), () -> browser.findElements(By.id("username")), found -> !found.isEmpty(),
                "the sign-in form");
        check("sign-in form");
        browser.findElement(By.id("username")).sendKeys(AdminConsoleIT.ADMIN);
        browser.findElement(By.id("password")).sendKeys(ConsoleUser.PASSWORD, Keys.ENTER);
    }

    private void visible(String id) throws InterruptedException {
        Poll.until(Duration.ofSeconds(30), () -> browser.findElements(By.id(id)).stream().anyMatch(e -> e.isDisplayed()),
                shown -> shown, "#" + id);
    }

    private void waitForPath(String path) throws InterruptedException {
        Poll.until(Duration.ofSeconds(15), browser::getCurrentUrl, url -> url.split("\\?")[0].equals(BASE + path), path);
    }
}
