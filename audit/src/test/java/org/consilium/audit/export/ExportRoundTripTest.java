package org.consilium.audit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.testing.TestChain;
import org.consilium.audit.verify.ChainVerifier;
import org.consilium.audit.verify.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRoundTripTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();

    @TempDir
    Path dir;

    @Test
    void tenThousandRecordsWithCheckpointsEveryHundredRoundTripAndVerify() throws Exception {
        List<ChainEntry> chain = TestChain.chain(10_000, 100, KEYS);
        Path file = TestChain.write(dir.resolve("export.jsonl"), chain);

        assertEquals(chain, TestChain.read(file));
        try (ExportReader reader = ExportReader.open(file)) {
            assertEquals(TestChain.HEADER, reader.header());
            VerificationReport report = ChainVerifier.verify(reader, KEYS.getPublic());
            assertTrue(report.verified(), report.toString());
            assertEquals(10_000, report.recordsChecked());
            assertEquals(100, report.checkpointsChecked());
            assertEquals(0, report.uncoveredRecords());
            assertTrue(report.anchored());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(1 + 10_000 + 100, lines.size());
    }

    @Test
    void eachLineTypeLooksAsDocumented() throws Exception {
        AuditRecord record = AuditRecord.append(1, Instant.parse("2026-11-22T08:15:30.5Z"), "jdoe",
                List.of("clinician", "host"), "10.0.0.5", "room.join", null, AuditRecord.SUCCESS,
                Map.of("room", "cardiology-7", "note", "said \"hi\"\n"), AuditRecord.GENESIS);
        Checkpoint checkpoint = Checkpoint.sign(1, Instant.parse("2026-11-22T08:15:31Z"), record.hash(), "audit-1",
                data -> new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01});
        StringWriter text = new StringWriter();
        try (ExportWriter writer = new ExportWriter(text, new ExportHeader(Instant.parse("2026-11-22T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-23T07:00:00Z")))) {
            writer.write(record);
            writer.write(checkpoint);
        }
        String hash = java.util.HexFormat.of().formatHex(record.hash());
        assertEquals("""
                {"type":"consilium-audit-export","version":1,"from":"2026-11-22T00:00:00Z","to":"2026-11-23T00:00:00Z","exportedAt":"2026-11-23T07:00:00Z"}
                {"type":"event","sequence":1,"occurredAt":"2026-11-22T08:15:30.500Z","actor":"jdoe","actorRoles":["clinician","host"],"clientAddress":"10.0.0.5","action":"room.join","target":null,"outcome":"success","details":{"note":"said \\"hi\\"\\n","room":"cardiology-7"},"previousHash":"0000000000000000000000000000000000000000000000000000000000000000","hash":"%s"}
                {"type":"checkpoint","sequence":1,"createdAt":"2026-11-22T08:15:31Z","chainHash":"%s","keyId":"audit-1","signature":"MAYCAQECAQE="}
                """.formatted(hash, hash), text.toString());

        try (ExportReader reader = new ExportReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)))) {
            assertEquals(record, reader.next().orElseThrow());
            assertEquals(checkpoint, reader.next().orElseThrow());
            assertTrue(reader.next().isEmpty());
            assertTrue(reader.next().isEmpty());
        }
    }

    @Test
    void crlfLineEndsAByteOrderMarkAndAMissingFinalNewlineAreRead() throws Exception {
        List<ChainEntry> chain = TestChain.chain(3, 3, KEYS);
        Path file = TestChain.write(dir.resolve("export.jsonl"), chain);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String windows = "\uFEFF" + text.replace("\n", "\r\n");
        Files.writeString(file, windows.substring(0, windows.length() - 2), StandardCharsets.UTF_8);
        assertEquals(chain, TestChain.read(file));
    }
}
