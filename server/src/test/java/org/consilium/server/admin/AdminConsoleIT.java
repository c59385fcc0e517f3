package org.consilium.server.admin;

import static org.consilium.server.admin.ConsoleUser.attribute;
import static org.consilium.server.admin.ConsoleUser.location;
import static org.consilium.server.admin.ConsoleUser.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportReader;
import org.consilium.audit.verify.ChainVerifier;
import org.consilium.audit.verify.PublicKeyPem;
import org.consilium.audit.verify.VerificationReport;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.FromAddress;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console (issue 8): administrators and auditors only, behind a TOTP second
 * factor; the audit search, export and chain verification; all of it in the trail.
 * Each test starts without second factors (rows removed in the database), so every
 * enrolment starts a fresh secret and its replay guard.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AdminConsoleIT {

    static final String ADMIN = "srivera";
    static final String AUDITOR = "lchen";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @BeforeEach
    void noSecondFactors() throws Exception {
        ConsoleUser.forgetSecondFactor(ADMIN);
        ConsoleUser.forgetSecondFactor(AUDITOR);
    }

    @Test
    void aClinicianGets403OnTheWholeConsoleAndItIsAudited() throws Exception {
        Browserless ana = new Browserless();
        ana.signIn("aortiz", ConsoleUser.PASSWORD);
        long before = TestDatabase.lastAuditSequence();

        for (String page : List.of("/admin/", "/admin/index.xhtml", "/admin/audit.xhtml", "/admin/enrol.xhtml",
                "/admin/verify.xhtml", "/admin/second-factors.xhtml", "/admin/static/console.css",
                "/admin/audit/export?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")) {
            HttpResponse<String> refused = ana.get(page);
            assertEquals(403, refused.statusCode(), page);
            assertTrue(refused.body().contains("You do not have access to this page"), page);
        }
        assertTrue(TestDatabase.auditAfter(before, "action", "actor", "outcome", "target")
                        .contains("access-denied aortiz denied page:/admin/audit.xhtml"),
                () -> "audited: " + auditAfterQuietly(before));
    }

    @Test
    void anAdminWithoutSecondFactorIsSentToEnrolmentWithTheKeyAndItsUri() throws Exception {
        ConsoleUser sam = new ConsoleUser(ADMIN).signIn();

        for (String page : List.of("/admin/", "/admin/audit.xhtml", "/admin/verify.xhtml", "/admin/second-factors.xhtml")) {
            HttpResponse<String> sent = sam.http.get(page);
            assertEquals(302, sent.statusCode(), page);
            assertTrue(location(sent).endsWith("/admin/enrol.xhtml"), location(sent));
        }
        HttpResponse<String> enrolment = sam.http.get("/admin/enrol.xhtml");
        assertEquals(200, enrolment.statusCode());
        String secret = text(enrolment.body(), "totp-secret");
        assertTrue(secret.matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}"), "160-bit base32 key in groups of four: " + secret);
        String uri = text(enrolment.body(), "totp-uri");
        assertEquals("otpauth://totp/Consilium%3A" + ADMIN + "?secret=" + secret.replace(" ", "")
                + "&issuer=Consilium&algorithm=SHA1&digits=6&period=30", uri);
        assertTrue(enrolment.body().contains("<svg") && enrolment.body().contains("class=\"qr-code\""), "QR code inline");
        assertEquals(secret, text(sam.http.get("/admin/enrol.xhtml").body(), "totp-secret"),
                "the same key until confirmed");
        try (var db = TestDatabase.asServer(); var rows = db.createStatement().executeQuery(
                "select sealed_secret from staff_second_factor where username = '" + ADMIN + "'")) {
            assertTrue(rows.next());
            byte[] sealed = rows.getBytes(1);
            assertEquals("CSEV", new String(sealed, 0, 4, StandardCharsets.US_ASCII), "an HSM envelope");
            assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(new String(
                    TestTotp.base32Decode(secret), StandardCharsets.ISO_8859_1)), "not the key in clear");
        }
    }

    @Test
    void enrolmentThenEachNewSessionAsksForACodeAndTheSessionIdChanges() throws Exception {
        ConsoleUser sam = new ConsoleUser(ADMIN).signIn();
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> confirmed = sam.enrol("/admin/audit.xhtml?action=sign-in");
        assertEquals(302, confirmed.statusCode(), confirmed.body());
        assertTrue(location(confirmed).endsWith("/admin/audit.xhtml?action=sign-in"), "back to the page asked for: "
                + location(confirmed));
        assertEquals(200, sam.http.get("/admin/").statusCode());
        assertEquals(302, sam.http.get("/admin/enrol.xhtml").statusCode(), "no second enrolment");

        sam.signIn(); // a new session
        HttpResponse<String> asked = sam.http.get("/admin/");
        assertEquals(302, asked.statusCode());
        assertTrue(location(asked).endsWith("/admin/verify.xhtml"), location(asked));
        String sessionBefore = sam.http.cookie("CONSILIUM_SESSION").orElseThrow().getValue();
        HttpResponse<String> verified = sam.verify(sam.app.freshCode());
        assertEquals(302, verified.statusCode(), verified.body());
        assertNotEquals(sessionBefore, sam.http.cookie("CONSILIUM_SESSION").orElseThrow().getValue(), "new session id");
        HttpResponse<String> dashboard = sam.http.get("/admin/");
        assertEquals(200, dashboard.statusCode());
        assertEquals(ADMIN, text(dashboard.body(), "console-username"));

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target");
        assertTrue(events.contains("second-factor-enrolled " + ADMIN + " success staff:" + ADMIN), events::toString);
        assertTrue(events.contains("second-factor-verified " + ADMIN + " success staff:" + ADMIN), events::toString);
    }

    @Test
    void wrongAndReplayedCodesAreRefusedAndFiveFailuresLock() throws Exception {
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();
        long before = TestDatabase.lastAuditSequence();
        lee.signIn();

        HttpResponse<String> wrong = lee.verify(lee.app.wrongCode());
        assertEquals(200, wrong.statusCode());
        assertTrue(text(wrong.body(), "code-error").startsWith("That code is not right."), wrong.body());
        assertTrue(wrong.body().contains("aria-invalid=\"true\""), "the field says it is in error");
        assertEquals(302, lee.http.get("/admin/audit.xhtml").statusCode(), "still not in");

        HttpResponse<String> replayed = lee.verify(lee.app.lastCode());
        assertTrue(text(replayed.body(), "code-error").startsWith("That code was already used."), replayed.body());

        HttpResponse<String> typo = lee.verify("12345");
        assertTrue(text(typo.body(), "code-error").startsWith("Type the 6 digits"), "a typo is not an attempt");

        HttpResponse<String> last = null;
        for (int attempt = 3; attempt <= 5; attempt++) {
            last = lee.verify(lee.app.wrongCode());
        }
        assertTrue(text(last.body(), "code-error").startsWith("Too many wrong codes"), last.body());
        HttpResponse<String> rightButLocked = lee.verify(lee.app.freshCode());
        assertTrue(text(rightButLocked.body(), "code-error").startsWith("Too many wrong codes"), "locked");
        assertEquals(302, lee.http.get("/admin/audit.xhtml").statusCode());

        List<String> events = TestDatabase.auditAfter(before, "action", "outcome", "details");
        assertEquals(6, events.stream().filter(e -> e.startsWith("second-factor-failed failure")).count(), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.contains("\"reason\":\"replayed\"")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.contains("\"reason\":\"wrong-code-locked\"") && e.contains("locked-until")),
                events::toString);
        assertTrue(events.stream().anyMatch(e -> e.contains("\"reason\":\"locked\"")), events::toString);
        assertFalse(events.stream().anyMatch(e -> e.startsWith("second-factor-verified")), events::toString);
    }

    @Test
    void theAuditSearchFindsSignInsAndIsItselfInTheTrail() throws Exception {
        ConsoleUser sam = new ConsoleUser(ADMIN).enrolled();
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> page = sam.http.get("/admin/audit.xhtml?actor=" + ADMIN + "&action=sign-in");
        assertEquals(200, page.statusCode());
        List<Map<String, String>> rows = rows(page.body());
        assertFalse(rows.isEmpty(), "sign-ins found: " + page.body());
        for (Map<String, String> row : rows) {
            assertEquals(ADMIN, row.get("actor"));
            assertEquals("sign-in", row.get("action"));
            assertEquals("success", row.get("outcome"));
            assertEquals("admin", row.get("roles"));
        }
        assertTrue(page.body().contains("<option value=\"sign-in\" selected=\"selected\">"), "the form keeps the criteria");

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "target", "details");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("audit-searched " + ADMIN + " audit ")
                && e.contains("\"actor\":\"" + ADMIN + "\"") && e.contains("\"action\":\"sign-in\"")), events::toString);
    }

    @Test
    void searchPagesAreKeysetPagesOverTheSequence() throws Exception {
        String typed = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 55; i++) { // eleven computers, five each: below every sign-in delay
            assertTrue(new FromAddress("127.0.3." + (1 + i / 5)).signIn(typed, "wrong").refused());
        }
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();

        HttpResponse<String> first = lee.http.get("/admin/audit.xhtml?actor=" + typed + "&action=sign-in-failed");
        List<Map<String, String>> newest = rows(first.body());
        assertEquals(50, newest.size());
        String older = attribute(first.body(), "older-page", "href");
        HttpResponse<String> second = lee.http.get(older);
        List<Map<String, String>> rest = rows(second.body());
        assertEquals(5, rest.size());
        assertFalse(second.body().contains("id=\"older-page\""), "the last page");

        List<Long> sequences = new ArrayList<>();
        newest.forEach(r -> sequences.add(Long.parseLong(r.get("sequence"))));
        rest.forEach(r -> sequences.add(Long.parseLong(r.get("sequence"))));
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) < sequences.get(i - 1), "newest first, no repeat: " + sequences);
        }
        assertEquals(55, new HashSet<>(sequences).size());
    }

    @Test
    void anAuditorExportsAndVerifiesThePeriod() throws Exception {
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();
        String from = LocalDateTime.ofInstant(Instant.now().minus(1, ChronoUnit.HOURS), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).toString();
        HttpResponse<String> page = lee.http.get("/admin/audit.xhtml?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode());
        long before = TestDatabase.lastAuditSequence();

        String exportLink = attribute(page.body(), "export-link", "href");
        HttpResponse<byte[]> export = lee.http.getBytes(exportLink);
        assertEquals(200, export.statusCode());
        String pem = lee.http.get("/api/audit/public-key").body();
        VerificationReport offline = ChainVerifier.verify(new ExportReader(new ByteArrayInputStream(export.body())),
                PublicKeyPem.parse(pem));
        assertTrue(offline.verified(), offline.toString());
        assertTrue(offline.recordsChecked() > 0, offline.toString());
        List<ChainEntry> entries = new ArrayList<>();
        try (ExportReader reader = new ExportReader(new ByteArrayInputStream(export.body()))) {
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                entries.add(entry.get());
            }
        }
        assertTrue(entries.get(entries.size() - 1) instanceof Checkpoint, "the export ends on a signed checkpoint");
        assertTrue(offline.lastSequence() >= before, "up to the end of the period: " + offline);

        HttpResponse<String> verified = lee.postFaces("/admin/audit.xhtml", page.body(), "verify",
                Map.of("verify:from", from, "verify:to", ""), "verify:submit");
        assertEquals(200, verified.statusCode(), verified.body());
        String result = text(verified.body(), "verify-result");
        assertTrue(result.startsWith("Verified: events "), result);

        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "details");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("audit-exported " + AUDITOR + " success")
                && e.contains("\"via\":\"console\"")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("audit-verified " + AUDITOR + " success")
                && e.contains("\"checkpoints\"")), events::toString);
    }

    @Test
    void verificationNamesTheFirstBadSequenceOfATamperedTrail() throws Exception {
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();
        long altered = TestDatabase.lastAuditSequence(); // lee's second-factor-enrolled
        HttpResponse<String> page = lee.http.get("/admin/audit.xhtml");
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> result;
        try (Connection attacker = DriverManager.getConnection(TestDatabase.URL, "postgres", "")) {
            attacker.createStatement().execute("set session_replication_role = replica"); // past the append-only trigger
            String actor;
            try (var rows = attacker.createStatement().executeQuery("select actor from audit_event where sequence = " + altered)) {
                rows.next();
                actor = rows.getString(1);
            }
            try (PreparedStatement change = attacker.prepareStatement("update audit_event set actor = ? where sequence = ?")) {
                change.setString(1, "someone-else");
                change.setLong(2, altered);
                assertEquals(1, change.executeUpdate());
                try {
                    result = lee.postFaces("/admin/audit.xhtml", page.body(), "verify",
                            Map.of("verify:from", "2026-01-01T00:00", "verify:to", ""), "verify:submit");
                } finally {
                    change.setString(1, actor);
                    change.executeUpdate(); // the trail whole again for the next test
                }
            }
        }

        String summary = text(result.body(), "verify-result");
        assertTrue(summary.startsWith("Verification FAILED at sequence " + altered + " (hash mismatch)"), summary);
        assertTrue(result.body().contains("class=\"notice error\""), "shown as an error");
        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "details");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("audit-verified " + AUDITOR + " failure")
                && e.contains("\"first-bad-sequence\":\"" + altered + "\"") && e.contains("\"reason\":\"hash-mismatch\"")),
                events::toString);
    }

    @Test
    void aPostFromAnotherOriginOrFromNowhereIsRefused() throws Exception {
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();
        HttpResponse<String> page = lee.http.get("/admin/audit.xhtml");
        Map<String, String> fields = Map.of("verify:from", "2026-01-01T00:00", "verify:to", "");

        assertEquals(403, lee.postFaces("/admin/audit.xhtml", page.body(), "verify", fields, "verify:submit",
                Map.of("Origin", "https://attacker.example")).statusCode());
        assertEquals(403, lee.postFaces("/admin/audit.xhtml", page.body(), "verify", fields, "verify:submit",
                Map.of("Origin", "null")).statusCode());
        assertEquals(403, lee.postFaces("/admin/audit.xhtml", page.body(), "verify", fields, "verify:submit",
                Map.of()).statusCode());
        assertEquals(200, lee.postFaces("/admin/audit.xhtml", page.body(), "verify", fields, "verify:submit")
                .statusCode(), "the same form from the console's origin");
    }

    @Test
    void anAdminResetsAnAuditorsSecondFactorAndAnAuditorMayNotReset() throws Exception {
        ConsoleUser lee = new ConsoleUser(AUDITOR).enrolled();
        assertEquals(403, lee.http.get("/admin/second-factors.xhtml").statusCode(), "auditors only read");
        assertEquals(403, lee.http.postForm("/admin/second-factors.xhtml", Map.of("reset", "reset",
                        "reset:username", ADMIN, "reset:submit", "submit", "jakarta.faces.ViewState", "stateless"),
                Map.of("Origin", lee.http.origin())).statusCode(), "a POST replayed by hand too");
        ConsoleUser sam = new ConsoleUser(ADMIN).enrolled();
        long before = TestDatabase.lastAuditSequence();

        HttpResponse<String> form = sam.http.get("/admin/second-factors.xhtml");
        assertEquals(200, form.statusCode());
        HttpResponse<String> own = sam.postFaces("/admin/second-factors.xhtml", form.body(), "reset",
                Map.of("reset:username", ADMIN), "reset:submit");
        assertTrue(text(own.body(), "reset-error").startsWith("You cannot reset your own"), own.body());
        HttpResponse<String> done = sam.postFaces("/admin/second-factors.xhtml", own.body(), "reset",
                Map.of("reset:username", AUDITOR.toUpperCase()), "reset:submit");
        assertTrue(text(done.body(), "reset-done").startsWith("The second factor of " + AUDITOR + " is reset."), done.body());

        lee.signIn();
        HttpResponse<String> again = lee.http.get("/admin/");
        assertTrue(location(again).endsWith("/admin/enrol.xhtml"), "enrols again: " + location(again));
        List<String> events = TestDatabase.auditAfter(before, "action", "actor", "outcome", "target");
        assertTrue(events.contains("second-factor-reset " + ADMIN + " denied staff:" + ADMIN), events::toString);
        assertTrue(events.contains("second-factor-reset " + ADMIN + " success staff:" + AUDITOR), events::toString);
    }

    /** The result table's rows, each as column class → text. */
    static List<Map<String, String>> rows(String html) {
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"audit-row\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        while (row.find()) {
            Map<String, String> cells = new java.util.HashMap<>();
            Matcher cell = Pattern.compile("<td class=\"([a-z-]+)[^\"]*\">(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.put(cell.group(1), ConsoleUser.unescape(cell.group(2).strip()));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String auditAfterQuietly(long sequence) {
        try {
            return TestDatabase.auditAfter(sequence, "action", "actor", "outcome", "target").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
