package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.attribute;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.audit.SiemListeners;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Settings page (issue 8) on the real server: an administrator moves the audit
 * trail's SIEM to another syslog server (which then receives events, without a restart), sets
 * NTP servers (asked of the appliance's agent through its request file; the agent's answer is
 * shown), the session idle timeout (the next session gets it) and the certificate warning
 * (the page and the dashboard warn within it); each change is audited with before and after.
 * Values that cannot be used are refused next to their fields and change nothing.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleSettingsIT {

    static final String PAGE = "/admin/settings.xhtml";
    static final Path SETTINGS_DIR = Path.of(System.getProperty("consilium.it.settings-dir", "target/appliance-settings"));
    static final int OTHER_SIEM_PORT = Integer.getInteger("consilium.it.siem.port", 16514) + 1;
    static final Duration SERVER_SEES_DATABASE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void noSecondFactors() throws Exception {
        ConsoleUser.forgetSecondFactor(AdminConsoleIT.ADMIN);
    }

    @AfterEach
    void configuredSettingsAgain() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            db.createStatement().executeUpdate("update appliance_settings set siem_host = null, siem_port = null, "
                    + "ntp_servers = null, session_idle_seconds = null, tls_expiry_warning_days = 30");
        }
        Poll.until(SERVER_SEES_DATABASE, AdminConsoleSettingsIT::expiredSessionNotice,
                notice -> notice.contains("ended after 15 minutes"), "the server reading the settings again");
    }

    /** What the sign-in page says to a browser whose session ended: it names the idle timeout in force. */
    static String expiredSessionNotice() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(Browserless.trustingSelfSigned()).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + Ports.HTTPS + "/"))
                .header("Cookie", "CONSILIUM_SESSION=ended-" + System.nanoTime()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher notice = Pattern.compile("Your session ended after ([^<]*) without activity").matcher(page.body());
        return notice.find() ? "ended after " + notice.group(1) : page.body();
    }

    @Test
    void anAdminChangesTheSettingsWhichApplyAtOnceAndAreAudited() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(text(page.body(), "certificate-subject").contains("CN="), page.body());
        Matcher left = Pattern.compile("\\((-?\\d+) days left\\)").matcher(text(page.body(), "certificate-expiry"));
        assertTrue(left.find(), text(page.body(), "certificate-expiry"));
        long daysLeft = Long.parseLong(left.group(1));
        assertEquals(daysLeft <= 30, page.body().contains("id=\"certificate-warning\""), "warned only within 30 days");
        assertEquals("127.0.0.1:" + (OTHER_SIEM_PORT - 1), text(page.body(), "siem-configured"));
        assertEquals("127.0.0.1", attribute(page.body(), "settings:siem-host", "value"));
        assertEquals("15 minutes", text(page.body(), "idle-now"));
        long sequence = TestDatabase.lastAuditSequence();
        Files.deleteIfExists(SETTINGS_DIR.resolve("requested.conf"));

        List<String> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable otherSiem = SiemListeners.start(OTHER_SIEM_PORT, received)) {
            long warning = Math.max(1, Math.min(365, daysLeft));
            HttpResponse<String> saved = sam.postFaces(PAGE, page.body(), "settings", form("127.0.0.1",
                    Integer.toString(OTHER_SIEM_PORT), "ntp1.hospital.example, 10.20.30.2", "7", Long.toString(warning)),
                    "settings:submit");
            assertEquals(200, saved.statusCode());
            assertEquals("Saved: siem-port, ntp-servers, session-idle-timeout" + (warning != 30 ? ", tls-expiry-warning-days" : "")
                    + ". The appliance was asked to apply the NTP and SIEM settings to the operating system; its answer "
                    + "is shown below.", text(saved.body(), "settings-done"), saved.body());
            assertEquals("7 minutes", text(saved.body(), "idle-now"));
            assertEquals(daysLeft <= warning, saved.body().contains("id=\"certificate-warning\""));

            // The audit trail goes to the new SIEM now (from its first event: a new target gets the whole trail).
            String actor = "settings-siem-" + System.nanoTime();
            assertEquals(401, new Browserless().postJson("/api/session",
                    "{\"username\":\"" + actor + "\",\"password\":\"x\"}").statusCode());
            Poll.until(SERVER_SEES_DATABASE, () -> received, r -> r.stream().anyMatch(m -> m.contains(actor)),
                    "the event at the new SIEM");
        }

        // The appliance's agent is asked through its request file, with what is now in force.
        Map<String, String> request = keyValues(SETTINGS_DIR.resolve("requested.conf"));
        assertEquals("ntp1.hospital.example,10.20.30.2", request.get("ntp_servers"));
        assertEquals("127.0.0.1", request.get("siem_host"));
        assertEquals(Integer.toString(OTHER_SIEM_PORT), request.get("siem_port"));
        String requestId = request.get("request_id");
        HttpResponse<String> waiting = sam.http.get(PAGE);
        assertTrue(text(waiting.body(), "appliance-status").startsWith("Waiting for the appliance"), waiting.body());
        // ... and what it answers is shown (here written as the agent would).
        Files.writeString(SETTINGS_DIR.resolve("applied.conf"), "request_id=" + requestId
                + "\nresult=refused\nmessage=ntp_servers: not a host name or IPv4 address\nat=" + Instant.now() + "\n");
        HttpResponse<String> answered = sam.http.get(PAGE);
        assertTrue(text(answered.body(), "appliance-status").startsWith("The appliance refused the last change"),
                answered.body());
        assertTrue(answered.body().contains("class=\"notice error\" id=\"appliance-status\""));

        // The next session gets the new idle timeout.
        assertEquals("ended after 7 minutes", expiredSessionNotice());

        List<String> events = TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target", "details");
        List<String> changes = events.stream().filter(e -> e.startsWith("configuration-changed")).toList();
        assertEquals(1, changes.size(), events::toString);
        String change = changes.get(0);
        assertTrue(change.startsWith("configuration-changed " + AdminConsoleIT.ADMIN + " success settings:appliance"), change);
        assertTrue(change.contains("\"before\":\"siem-port=configuration; ntp-servers=configuration; "
                + "session-idle-timeout=configuration"), change);
        assertTrue(change.contains("\"after\":\"siem-port=" + OTHER_SIEM_PORT
                + "; ntp-servers=ntp1.hospital.example,10.20.30.2; session-idle-timeout=PT7M"), change);
        assertTrue(change.contains("\"appliance-request\":\"" + requestId + "\""), change);
    }

    @Test
    void valuesThatCannotBeUsedAreRefusedNextToTheirFieldsAndChangeNothing() throws Exception {
        ConsoleUser sam = new ConsoleUser(AdminConsoleIT.ADMIN).enrolled();
        HttpResponse<String> page = sam.http.get(PAGE);
        long sequence = TestDatabase.lastAuditSequence();
        HttpResponse<String> refused = sam.postFaces(PAGE, page.body(), "settings", form("siem host;rm -rf", "70000",
                "a,b,c,d,e,f,g,h,i", "0", "366"), "settings:submit");
        assertEquals(200, refused.statusCode());
        assertEquals("Nothing was changed: correct the fields marked below.", text(refused.body(), "settings-invalid"));
        assertTrue(text(refused.body(), "siem-host-error").startsWith("Give a host name"), refused.body());
        assertTrue(text(refused.body(), "siem-port-error").startsWith("The port is from 1 to 65535"));
        assertEquals("At most 8 NTP servers.", text(refused.body(), "ntp-servers-error"));
        assertTrue(text(refused.body(), "idle-minutes-error").startsWith("From 1 to 720 minutes"));
        assertEquals("From 1 to 365 days.", text(refused.body(), "warning-days-error"));
        assertEquals("true", attribute(refused.body(), "settings:siem-port", "aria-invalid"));
        assertEquals("70000", attribute(refused.body(), "settings:siem-port", "value"), "what was typed stays");

        HttpResponse<String> words = sam.postFaces(PAGE, refused.body(), "settings", form("127.0.0.1", "6514",
                "ntp1.example, -bad-", "fifteen", "30"), "settings:submit");
        assertTrue(text(words.body(), "ntp-servers-error").contains("\"-bad-\" is neither"), words.body());
        assertTrue(text(words.body(), "idle-minutes-error").startsWith("Give a whole number of minutes"));

        assertFalse(TestDatabase.auditAfter(sequence, "action").contains("configuration-changed"));
        try (Connection db = TestDatabase.asServer();
             var row = db.createStatement().executeQuery("select siem_port, ntp_servers, session_idle_seconds, "
                     + "tls_expiry_warning_days from appliance_settings")) {
            assertTrue(row.next());
            assertEquals(null, row.getObject(1));
            assertEquals(null, row.getObject(2));
            assertEquals(null, row.getObject(3));
            assertEquals(30, row.getInt(4));
        }
    }

    private static Map<String, String> form(String siemHost, String siemPort, String ntp, String idle, String warning) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("settings:siem-host", siemHost);
        form.put("settings:siem-port", siemPort);
        form.put("settings:ntp-servers", ntp);
        form.put("settings:idle-minutes", idle);
        form.put("settings:warning-days", warning);
        return form;
    }

    private static Map<String, String> keyValues(Path file) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
