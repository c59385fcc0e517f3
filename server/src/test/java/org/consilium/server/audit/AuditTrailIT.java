package org.consilium.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.consilium.audit.export.ExportReader;
import org.consilium.audit.verify.ChainVerifier;
import org.consilium.audit.verify.PublicKeyPem;
import org.consilium.audit.verify.VerificationReport;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.FromAddress;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail against the real server, directory, PostgreSQL and HSM token: sign-ins
 * land in it, the server's role cannot change it, concurrent appends leave no gap, and an
 * export verified offline names the first row someone with superuser rights altered.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class AuditTrailIT {

    private static final String PASSWORD = "consilium-demo";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void signInsFailuresAndSignOutsAreRecordedWithoutThePassword() throws Exception {
        long before = AuditDatabase.lastSequence();
        new Browserless().postJson("/api/session", "{\"username\":\"aortiz\",\"password\":\"not-" + PASSWORD + "\"}");
        Browserless client = new Browserless();
        assertEquals(200, client.postJson("/api/session", credentials("aortiz")).statusCode());
        assertEquals(200, client.get("/api/me").statusCode()); // audited at the sign-in already: not again
        assertEquals(204, client.delete("/api/session").statusCode());
        new Browserless().signIn("srivera", "wrong"); // the form's failure, too

        List<String> events = AuditDatabase.eventsAfter(before);
        assertEquals(List.of(
                "sign-in-failed aortiz failure {\"method\":\"password\",\"reason\":\"credentials refused\"} 127.0.0.1",
                "sign-in aortiz success {\"method\":\"password\"} 127.0.0.1",
                "sign-out aortiz success {\"reason\":\"signed-out\"} 127.0.0.1",
                "sign-in-failed srivera failure {\"method\":\"password\",\"reason\":\"credentials refused\"} 127.0.0.1"), events);
        assertFalse(events.toString().contains("not-" + PASSWORD), "a password never reaches the trail");
    }

    @Test
    void theExportNeedsTheSecondFactorThePublicKeyDoesNot() throws Exception {
        long before = AuditDatabase.lastSequence();
        Browserless passwordOnly = new Browserless();
        assertEquals(200, passwordOnly.postJson("/api/session", credentials("lchen")).statusCode());
        HttpResponse<String> refused = passwordOnly.get("/api/audit/export?from=" + Instant.now().minusSeconds(60)
                + "&to=" + Instant.now());
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("second factor"), refused.body());
        assertEquals(200, passwordOnly.get("/api/audit/public-key").statusCode());
        assertTrue(AuditDatabase.eventsAfter(before).stream().anyMatch(e -> e.startsWith("access-denied lchen denied")),
                "the refusal is in the trail");
    }

    @Test
    void theServersRoleCanNeitherChangeNorRemoveAuditRows() throws Exception {
        new Browserless().postJson("/api/session", "{\"username\":\"nobody\",\"password\":\"x\"}");
        for (String change : List.of(
                "update audit_event set actor = 'mallory'",
                "delete from audit_event",
                "truncate audit_event",
                "update audit_checkpoint set key_id = 'forged'",
                "delete from audit_checkpoint")) {
            try (Connection db = AuditDatabase.asServer()) {
                SQLException refused = assertThrows(SQLException.class, () -> db.createStatement().execute(change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage()); // insufficient_privilege
            }
        }
    }

    @Test
    void concurrentAppendsMakeOneUnbrokenChainThatVerifies() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        long before = AuditDatabase.lastSequence();
        int threads = 8;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // Each thread its own computer, each attempt its own name: below every sign-in delay.
                FromAddress computer = new FromAddress("127.0.1." + (t + 1));
                String names = "load-" + t + "-";
                answers.add(pool.submit(() -> {
                    int refused = 0;
                    for (int i = 0; i < each; i++) {
                        refused += computer.postJson("/api/session",
                                "{\"username\":\"" + names + i + "\",\"password\":\"x\"}").status() == 401 ? 1 : 0;
                    }
                    return refused;
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(each, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, AuditDatabase.eventsAfter(before).size());
        try (Connection db = AuditDatabase.asServer();
             ResultSet rows = db.createStatement().executeQuery("select count(*), min(sequence), max(sequence) from audit_event")) {
            rows.next();
            assertEquals(1, rows.getLong(2), "the chain starts at 1");
            assertEquals(rows.getLong(1), rows.getLong(3), "no sequence number is missing");
        }

        VerificationReport report = verify(export(from, Instant.now().plusSeconds(60)));
        assertTrue(report.verified(), report.toString());
        assertTrue(report.recordsChecked() >= threads * each, report.toString());
    }

    @Test
    void anAlteredADeletedOrASwappedRowIsNamedByTheVerifier() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 6; i++) {
            new Browserless().postJson("/api/session", "{\"username\":\"tamper-" + i + "\",\"password\":\"x\"}");
        }
        long target = AuditDatabase.lastSequence() - 3;
        Instant to = Instant.now().plusSeconds(60);
        assertTrue(verify(export(from, to)).verified(), "clean before tampering");

        try (Tampering altered = Tampering.update(target, "update audit_event set actor = 'someone-else' where sequence = ?")) {
            assertEquals(target, verify(export(from, to)).firstBadSequence().orElseThrow(), "a changed field");
        }
        try (Tampering deleted = Tampering.update(target, "delete from audit_event where sequence = ?")) {
            assertEquals(target, verify(export(from, to)).firstBadSequence().orElseThrow(), "a deleted row");
        }
        try (Tampering swapped = Tampering.swapActors(target, target + 1)) {
            assertEquals(target, verify(export(from, to)).firstBadSequence().orElseThrow(), "two rows swapped");
        }
        assertTrue(verify(export(from, to)).verified(), "restored after each case");
    }

    @Test
    void aForgedCheckpointSignatureIsDetected() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        long checkpoint = Poll.until(Duration.ofSeconds(60), () -> {
            new Browserless().postJson("/api/session", "{\"username\":\"checkpoint\",\"password\":\"x\"}");
            return newestCheckpointAfter(from);
        }, java.util.Objects::nonNull, "a checkpoint signed by the HSM");
        Instant to = Instant.now().plusSeconds(60);
        assertTrue(verify(export(from, to)).verified(), "clean before forging");
        try (Tampering forged = Tampering.update(checkpoint,
                "update audit_checkpoint set signature = overlay(signature placing '\\x00'::bytea from 12 for 1) where sequence = ?")) {
            VerificationReport report = verify(export(from, to));
            assertFalse(report.verified(), report.toString());
            assertEquals(checkpoint, report.firstBadSequence().orElseThrow(), report.toString());
        }
    }

    /** The newest checkpoint made after {@code from}, or null while there is none. */
    private static Long newestCheckpointAfter(Instant from) throws SQLException {
        try (Connection db = AuditDatabase.asServer();
             PreparedStatement query = db.prepareStatement("select max(sequence) from audit_checkpoint where created_at > ?")) {
            query.setTimestamp(1, java.sql.Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long sequence = rows.getLong(1);
                return rows.wasNull() ? null : sequence;
            }
        }
    }

    private static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    /** The export of [from, to) by the demo auditor, through the API. */
    private static byte[] export(Instant from, Instant to) throws Exception {
        Browserless auditor = ConsoleUser.verifiedSession("lchen");
        HttpResponse<String> answer = auditor.get("/api/audit/export?from=" + from + "&to=" + to);
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body().getBytes(StandardCharsets.UTF_8);
    }

    private static VerificationReport verify(byte[] export) throws Exception {
        Browserless auditor = new Browserless();
        assertEquals(200, auditor.postJson("/api/session", credentials("lchen")).statusCode());
        HttpResponse<String> pem = auditor.get("/api/audit/public-key");
        assertEquals(200, pem.statusCode(), pem.body());
        PublicKey key = PublicKeyPem.parse(pem.body());
        try (ExportReader reader = new ExportReader(new ByteArrayInputStream(export))) {
            return ChainVerifier.verify(reader, key);
        }
    }
}
