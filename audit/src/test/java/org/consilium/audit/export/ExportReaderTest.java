package org.consilium.audit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.consilium.audit.testing.TestChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReaderTest {

    @TempDir
    Path dir;

    private List<String> lines;

    @BeforeEach
    void writeAValidExport() throws Exception {
        Path file = TestChain.write(dir.resolve("valid.jsonl"), TestChain.chain(10, 5, TestChain.newKeyPair()));
        lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        // line 1 header, 2-6 events 1-5, 7 checkpoint 5, 8-12 events 6-10, 13 checkpoint 10
    }

    @Test
    void aBrokenLineIsNamedByItsNumber() throws Exception {
        assertLine(4, "column 1: expected '{' (each line is one JSON object)", "not json");
        assertLine(4, "column 1: empty line (expected a JSON object)", "");
        assertLine(5, "unknown line type \"note\"", lines.get(4).replace("\"type\":\"event\"", "\"type\":\"note\""));
        assertLine(5, "unexpected member \"comment\"", lines.get(4).replace("{\"type\"", "{\"comment\":\"x\",\"type\""));
        assertLine(5, "missing member \"actor\"", lines.get(4).replaceFirst("\"actor\":\"[^\"]*\",", ""));
        assertLine(5, "\"sequence\" must be an integer", lines.get(4).replace("\"sequence\":4", "\"sequence\":\"4\""));
        assertLine(5, "sequence must be at least 1, was -4", lines.get(4).replace("\"sequence\":4", "\"sequence\":-4"));
        assertLine(5, "action must not be blank", lines.get(4).replaceFirst("\"action\":\"[^\"]*\"", "\"action\":\" \""));
        assertLine(5, "\"hash\" is not hexadecimal", lines.get(4).replaceFirst("\"hash\":\"..", "\"hash\":\"zz"));
        assertLine(5, "hash must be 32 bytes, was 31", lines.get(4).replaceFirst("\"hash\":\"..", "\"hash\":\""));
        assertLine(5, "\"occurredAt\" is not an ISO-8601 instant such as 2026-11-22T08:15:30.123Z",
                lines.get(4).replaceFirst("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":\"yesterday\""));
        assertLine(7, "\"signature\" is not base64", lines.get(6).replaceFirst("\"signature\":\"", "\"signature\":\"!"));
        assertLine(7, "keyId must not be blank", lines.get(6).replaceFirst("\"keyId\":\"[^\"]*\"", "\"keyId\":\"\""));
        assertLine(13, "column 2: expected a string", lines.get(12).replace("{\"type\"", "{type"));
    }

    @Test
    void theHeaderIsLineOne() throws Exception {
        assertLine(1, "not a Consilium audit export (the first line's \"type\" must be \"consilium-audit-export\")",
                lines.get(1));
        assertLine(1, "export format version 2 is not supported (this verifier reads version 1)",
                lines.get(0).replace("\"version\":1", "\"version\":2"));
        assertLine(1, "missing member \"exportedAt\"", lines.get(0).replaceFirst(",\"exportedAt\":\"[^\"]*\"", ""));
        Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> ExportReader.open(empty));
        assertEquals("line 1: the file is empty (expected the export header)", e.getMessage());
    }

    @Test
    void invalidUtf8IsNamedByItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            if (i == 2) {
                line[40] = (byte) 0xC3; // a lead byte without its continuation
                line[41] = (byte) 0x28;
            }
            bytes.writeBytes(line);
            bytes.write('\n');
        }
        Path file = Files.write(dir.resolve("latin1.jsonl"), bytes.toByteArray());
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> TestChain.read(file));
        assertEquals("line 3: not valid UTF-8", e.getMessage());
        assertEquals(3, e.lineNumber());
    }

    private void assertLine(int number, String problem, String replacement) throws Exception {
        List<String> broken = new ArrayList<>(lines);
        broken.set(number - 1, replacement);
        Path file = Files.write(dir.resolve("broken.jsonl"), broken, StandardCharsets.UTF_8);
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> TestChain.read(file));
        assertEquals("line " + number + ": " + problem, e.getMessage());
        assertEquals(number, e.lineNumber());
    }
}
