package org.consilium.server.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.admin.TestTotp;
import org.consilium.server.support.Axe;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Branding (issue 20, item 9) as a hospital's IT does it, in headless Chromium: an
 * administrator, past the second factor, gives the hospital's name, uploads its PNG logo and
 * sets its accent colour on the console's Branding page; an SVG, a text file named .png and a
 * colour white text cannot be read on are refused with a sentence and change nothing. The home
 * page, the sign-in page and a guest's join page then show the name and the logo (loaded from
 * the appliance) and use the colour (as the browser computed it); the logo and the stylesheet
 * are served to anyone, typed, nosniff, with an ETag. "Remove logo" takes the logo away, and
 * "Restore defaults" brings Consilium's own look back. Every change is one audit row; an
 * auditor cannot open the page. axe-core finds nothing serious on any of these pages;
 * screenshots at desktop and phone sizes.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class BrandingInBrowserIT extends InTheBrowser {

    static final String ADMIN = "srivera";
    static final String AUDITOR = "lchen";
    static final String PAGE = "/admin/branding.xhtml";
    /** Markup characters too: the name is text, never markup. */
    static final String NAME = "St. Brigid's <b>Hospital</b> & Clinics";
    static final String ACCENT = "#7a1f5c";
    static final String ACCENT_RGB = "rgb(122, 31, 92)";
    static final String CONSILIUM_ACCENT_RGB = "rgb(11, 92, 173)";

    @BeforeEach
    @AfterEach
    void consiliumsOwnLook() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update branding set hospital_name = null, logo = null, "
                    + "logo_media_type = null, logo_width = null, logo_height = null, logo_sha256 = null, "
                    + "accent_colour = null");
        }
        ConsoleUser.forgetSecondFactor(ADMIN);
        // The server reads the branding again within seconds of a change made behind its back.
        Poll.until(Browser.PATIENCE, () -> new Browserless().get("/login.xhtml").body(),
                page -> !page.contains("hospital-name") && !page.contains("colours.css"), "Consilium's own look");
    }

    @Test
    void anAdministratorBrandsEveryPageAndRestoresTheDefaults() throws Exception {
        Path files = Files.createTempDirectory("branding");
        byte[] png = logo();
        Path logo = Files.write(files.resolve("logo.png"), png);
        Path svg = Files.writeString(files.resolve("logo.svg"), "<?xml version=\"1.0\"?>\n<svg xmlns="
                + "\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>\n");
        Path text = Files.writeString(files.resolve("notes.png"), "Not a picture at all, only named like one.\n");

        try (Browser sam = new Browser(); Browser stranger = new Browser(); Browser maria = new Browser()) {
            // Before: Consilium's own look on the sign-in page.
            stranger.open("/login.xhtml");
            stranger.visible("username");
            assertEquals("Consilium", stranger.visible(By.cssSelector(".banner .brand")).getText());
            assertTrue(stranger.all(By.id("brand-logo")).isEmpty());
            assertEquals(CONSILIUM_ACCENT_RGB, style(stranger, "form button[type=submit]", "backgroundColor"));

            signInToTheConsole(sam);
            long sequence = TestDatabase.lastAuditSequence();
            sam.open(PAGE);
            sam.visible("branding-preview");
            assertEquals(List.of(), axe(sam), "the Branding page");
            says(sam, "accent-in-force", "#0b5cad, Consilium's own");

            sam.type("name:hospital-name", NAME);
            sam.click("name:save");
            says(sam, "branding-done", "Saved: every page's header shows “" + NAME + "”.");
            says(sam, "preview-name", NAME);

            // Refused uploads: nothing changes, the reason is next to the field.
            sam.visible("logo:file").sendKeys(svg.toString());
            sam.click("logo:upload");
            startsWith(sam, "logo-error", "SVG files are not accepted");
            says(sam, "branding-invalid", "Nothing was changed: see the message below.");
            says(sam, "logo-in-force", "none");
            assertEquals("true", sam.visible("logo:file").getAttribute("aria-invalid"));
            assertEquals(List.of(), axe(sam), "the Branding page with a refused upload");
            sam.script("document.getElementById('logo-error').scrollIntoView({block: 'center'})");
            sam.screenshot("branding-refused-svg");
            sam.visible("logo:file").sendKeys(text.toString());
            sam.click("logo:upload");
            says(sam, "logo-error", "This file is not a PNG or JPEG image (whatever its name says); upload the logo as "
                    + "a PNG or JPEG image.");
            says(sam, "logo-in-force", "none");

            sam.visible("logo:file").sendKeys(logo.toString());
            sam.click("logo:upload");
            says(sam, "branding-done", "Saved: every page's header shows the logo (PNG, 240 × 80 pixels).");
            startsWith(sam, "logo-in-force", "PNG, 240 × 80 pixels");
            assertLoaded(sam, "logo-preview");
            assertLoaded(sam, "preview-logo");
            sam.script("document.getElementById('logo-preview').scrollIntoView({block: 'center'})");
            sam.screenshot("branding-logo-uploaded");

            // A colour white text cannot be read on: refused with its ratio.
            sam.type("colour:accent", "#ffcc00");
            sam.click("colour:save");
            says(sam, "accent-error", "White text on #ffcc00 has a contrast of 1.51:1; WCAG 2.1 AA asks for at least "
                    + "4.5:1. Choose a darker colour.");
            says(sam, "accent-in-force", "#0b5cad, Consilium's own");
            assertEquals(List.of(), axe(sam), "the Branding page with a refused colour");
            sam.script("document.getElementById('accent-error').scrollIntoView({block: 'center'})");
            sam.screenshot("branding-refused-colour");

            sam.type("colour:accent", ACCENT.toUpperCase());
            sam.click("colour:save");
            says(sam, "branding-done", "Saved: " + ACCENT + " is the accent colour (white text on it: 9.64:1).");
            says(sam, "accent-in-force", ACCENT);
            assertEquals(ACCENT_RGB, style(sam, "#preview-button", "backgroundColor"), "the preview is in the colour");
            assertEquals(ACCENT_RGB, style(sam, "#preview-link", "color"));
            assertEquals(CONSILIUM_ACCENT_RGB, style(sam, "#logo\\:upload", "backgroundColor"),
                    "the console keeps its own look");
            assertEquals(List.of(), axe(sam), "the Branding page, branded");
            screenshots(sam, "console", "branding-preview");

            // The home page, as the administrator who is also staff.
            sam.open("/");
            assertBranded(sam, "home");
            assertEquals(ACCENT_RGB, style(sam, "form.sign-out button", "color"));

            // The sign-in page, to someone not signed in.
            stranger.open("/login.xhtml");
            stranger.visible("username");
            assertBranded(stranger, "sign-in");
            assertEquals(ACCENT_RGB, style(stranger, "form button[type=submit]", "backgroundColor"));

            // A guest's join page.
            maria.open(invitationLink());
            maria.visible("privacy-notice");
            assertBranded(maria, "guest-join");
            assertEquals(ACCENT_RGB, style(maria, "form.guest-join button[type=submit]", "backgroundColor"));
            assertTrue(maria.title().endsWith(" · Consilium"), maria.title());

            servedToAnyone(png);

            // Remove logo: the name stays, the logo is gone from the pages and from its address.
            sam.open(PAGE);
            sam.click("logo:remove");
            says(sam, "branding-done", "The logo was removed: pages show none.");
            says(sam, "logo-in-force", "none");
            assertTrue(sam.all(By.id("preview-logo")).isEmpty());
            says(sam, "preview-name", NAME);
            assertEquals(404, new Browserless().getBytes("/branding/logo").statusCode());

            // Restore defaults: Consilium's own look everywhere.
            sam.open(PAGE);
            sam.click("defaults:restore");
            says(sam, "branding-done", "The defaults are restored: pages look as Consilium's own, without a hospital name or logo.");
            says(sam, "logo-in-force", "none");
            assertEquals("", sam.visible("name:hospital-name").getAttribute("value"));
            stranger.open("/login.xhtml");
            stranger.visible("username");
            assertEquals("Consilium", stranger.visible(By.cssSelector(".banner .brand")).getText());
            assertTrue(stranger.all(By.id("brand-logo")).isEmpty());
            assertTrue(stranger.all(By.cssSelector("link[href*='colours.css']")).isEmpty());
            assertEquals(CONSILIUM_ACCENT_RGB, style(stranger, "form button[type=submit]", "backgroundColor"));
            assertEquals(404, new Browserless().getBytes("/branding/logo").statusCode());

            List<String> changes = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details")
                    .stream().filter(e -> e.startsWith("configuration-changed")).toList();
            assertEquals(5, changes.size(), "one row a change, none for what was refused: " + changes);
            changes.forEach(change -> assertTrue(change.startsWith("configuration-changed " + ADMIN
                    + " success settings:branding "), change));
            assertTrue(changes.get(0).contains("\"changed\":\"hospital-name\""), changes.get(0));
            assertTrue(changes.get(0).contains("\"after\":\"hospital-name=" + NAME.replace("\"", "\\\"") + "\""),
                    changes.get(0));
            assertTrue(changes.get(1).contains("\"changed\":\"logo\""), changes.get(1));
            assertTrue(changes.get(1).contains("\"after\":\"logo=image/png 240x80 " + png.length + " bytes sha256="),
                    changes.get(1));
            assertTrue(changes.get(2).contains("\"before\":\"accent-colour=default\""), changes.get(2));
            assertTrue(changes.get(2).contains("\"after\":\"accent-colour=" + ACCENT + "\""), changes.get(2));
            assertTrue(changes.get(3).contains("\"changed\":\"logo\""), changes.get(3));
            assertTrue(changes.get(3).contains("\"after\":\"logo=default\""), changes.get(3));
            assertTrue(changes.get(4).contains("\"changed\":\"hospital-name,accent-colour\""), changes.get(4));
            assertTrue(changes.get(4).contains("\"after\":\"hospital-name=default; accent-colour=default\""),
                    changes.get(4));
        }

        // Administrators only: an auditor past the second factor is refused the page (and so its forms).
        Browserless auditor = ConsoleUser.verifiedSession(AUDITOR);
        assertEquals(403, auditor.get(PAGE).statusCode());
    }

    /** Waits for the element {@code id} to say {@code expected} (the page after a form's POST replaces the one before). */
    private static void says(Browser browser, String id, String expected) throws InterruptedException {
        Poll.until(Browser.PATIENCE, () -> browser.text(id), expected::equals, "#" + id + " saying: " + expected);
    }

    private static void startsWith(Browser browser, String id, String start) throws InterruptedException {
        Poll.until(Browser.PATIENCE, () -> browser.text(id), text -> text.startsWith(start), "#" + id + " starting: " + start);
    }

    /** Signs in on the sign-in form, enrols a second factor and lands on the console. */
    private static void signInToTheConsole(Browser sam) throws Exception {
        sam.open("/admin/");
        sam.type("username", ADMIN);
        sam.type("password", DemoStaff.PASSWORD);
        sam.keys(Keys.ENTER);
        TestTotp app = new TestTotp(sam.text("totp-secret"));
        sam.type("second-factor:code", app.freshCode());
        sam.keys(Keys.ENTER);
        sam.visible("dashboard-updated");
    }

    /** The header shows the name as text and the logo as loaded from the appliance; the line under it is in the colour. */
    private static void assertBranded(Browser browser, String name) throws Exception {
        says(browser, "hospital-name", NAME);
        assertEquals("Logo of " + NAME, browser.visible("brand-logo").getAttribute("alt"));
        assertLoaded(browser, "brand-logo");
        assertTrue(browser.all(By.cssSelector("#hospital-name b")).isEmpty(), "the name is not markup");
        assertEquals(ACCENT_RGB, style(browser, ".banner", "borderBottomColor"));
        assertEquals("4px", style(browser, ".banner", "borderBottomWidth"));
        assertEquals(List.of(), axe(browser), "the " + name + " page, branded");
        screenshots(browser, name, "hospital-name");
    }

    private static void assertLoaded(Browser browser, String imageId) throws Exception {
        browser.visible(imageId);
        Poll.until(Browser.PATIENCE, () -> browser.script("const i = document.getElementById('" + imageId + "');"
                + " return i.complete ? i.naturalWidth + 'x' + i.naturalHeight : 'loading';"),
                size -> !"loading".equals(size), "#" + imageId + " loaded");
        assertEquals("240x80", browser.script("const i = document.getElementById('" + imageId + "');"
                + " return i.naturalWidth + 'x' + i.naturalHeight;"), "#" + imageId + " is the logo, decoded");
    }

    /** The logo and the stylesheet, to someone not signed in: typed, nosniff, revalidated by ETag. */
    private static void servedToAnyone(byte[] png) throws Exception {
        Browserless anyone = new Browserless();
        HttpResponse<byte[]> served = anyone.getBytes("/branding/logo");
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-cache", served.headers().firstValue("Cache-Control").orElse(""));
        assertArrayEquals(png, served.body());
        String etag = served.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{64}\""), etag);
        assertEquals(304, anyone.getBytes("/branding/logo", Map.of("If-None-Match", etag)).statusCode());
        HttpResponse<byte[]> css = anyone.getBytes("/branding/colours.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals("nosniff", css.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(new String(css.body(), StandardCharsets.UTF_8).contains("--accent: " + ACCENT + ";"));
        String cssEtag = css.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, anyone.getBytes("/branding/colours.css", Map.of("If-None-Match", cssEtag)).statusCode());
        String csp = anyone.get("/login.xhtml").headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'self'; "), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
    }

    /** An invitation link to a new room of Dr. Ortiz's, made through the API. */
    private static String invitationLink() throws Exception {
        Browserless ana = DemoStaff.signedIn("aortiz");
        HttpResponse<String> room = ana.postJson("/api/rooms", "{\"displayName\":\"Branding "
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"kind\":\"visit\"}");
        assertEquals(201, room.statusCode(), room.body());
        HttpResponse<String> invitation = ana.postJson("/api/rooms/" + json(room).getString("id") + "/invitations", "{}");
        assertEquals(201, invitation.statusCode(), invitation.body());
        return json(invitation).getString("link");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** The value the browser computed for the first element {@code selector} matches. */
    private static String style(Browser browser, String selector, String property) throws InterruptedException {
        browser.visible(By.cssSelector(selector));
        return (String) browser.script("return getComputedStyle(document.querySelector('" + selector.replace("\\", "\\\\")
                + "'))." + property + ";");
    }

    /** At desktop size, then as a phone (390 × 844), with the element {@code shown} in view; axe on the phone too. */
    private static void screenshots(Browser browser, String name, String shown) throws Exception {
        browser.script("document.getElementById('" + shown + "').scrollIntoView({block: 'center'})");
        browser.screenshot("branding-" + name);
        browser.viewport(390, 844, true);
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("branding-" + name + "-phone");
        assertEquals(List.of(), axe(browser), name + " on a phone");
        browser.viewport(1280, 900, false);
    }

    private static List<String> axe(Browser browser) {
        return Axe.installed() ? browser.seriousAccessibilityProblems() : List.of();
    }

    /** A 240 × 80 PNG: a plum square and a bar, on white. */
    private static byte[] logo() throws Exception {
        BufferedImage image = new BufferedImage(240, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 80);
        g.setColor(new Color(0x7a1f5c));
        g.fillRect(8, 8, 64, 64);
        g.setStroke(new BasicStroke(10));
        g.drawLine(90, 40, 230, 40);
        g.setColor(Color.WHITE);
        g.fillRect(32, 16, 16, 48);
        g.fillRect(16, 32, 48, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
