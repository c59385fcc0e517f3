package org.consilium.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.testing.TestChain;
import org.consilium.audit.testing.TestRecordings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();

    @TempDir
    Path dir;

    private Path key;
    private Path export;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeKeyAndExport() throws Exception {
        key = Files.writeString(dir.resolve("key.pem"), TestChain.publicKeyPem(KEYS));
        export = TestChain.write(dir.resolve("export.jsonl"), TestChain.chain(1000, 100, KEYS));
    }

    @Test
    void aGoodExportExitsZero() {
        assertEquals(0, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stdout().contains("RESULT: VERIFIED"), stdout());
        assertTrue(stdout().contains("1000 sound, sequences 1 to 1000"), stdout());
        assertTrue(stdout().contains("10 sound"), stdout());
        assertFalse(stdout().contains("warning"), stdout());
        assertEquals("", stderr());
        assertEquals(0, run("verify", export.toString(), "--public-key=" + key));
    }

    @Test
    void recordsAfterTheLastCheckpointExitOne() throws Exception {
        TestChain.write(export, TestChain.chain(1003, 100, KEYS));
        assertEquals(1, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stdout().contains("RESULT: FAILED"), stdout());
        assertTrue(stdout().contains("first bad sequence: 1001"), stdout());
        assertTrue(stdout().contains("reason:  unsigned end"), stdout());
    }

    @Test
    void aTamperedExportExitsOneAndNamesTheSequence() throws Exception {
        List<ChainEntry> chain = new ArrayList<>(TestChain.read(export));
        chain.remove(TestChain.indexOfRecord(chain, 437));
        TestChain.write(export, chain);
        assertEquals(1, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stdout().contains("RESULT: FAILED"), stdout());
        assertTrue(stdout().contains("first bad sequence: 437"), stdout());
        assertTrue(stdout().contains("reason:  gap"), stdout());
    }

    @Test
    void theOutputHoldsNoRecordContent() throws Exception {
        List<ChainEntry> chain = new ArrayList<>(TestChain.read(export));
        int at = TestChain.indexOfRecord(chain, 12);
        AuditRecord record = (AuditRecord) chain.get(at);
        chain.set(at, new AuditRecord(12, record.occurredAt(), "patient-jane-roe", record.actorRoles(),
                record.clientAddress(), record.action(), record.target(), record.outcome(), record.details(),
                record.previousHash(), record.hash()));
        TestChain.write(export, chain);
        assertEquals(1, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stdout().contains("first bad sequence: 12"), stdout());
        assertTrue(!stdout().contains("jane") && !stdout().contains(record.actor()), stdout());
    }

    @Test
    void aMissingFileExitsTwo() {
        assertEquals(2, run("verify", "--public-key", key.toString(), dir.resolve("nope.jsonl").toString()));
        assertTrue(stderr().contains("no such export file"), stderr());
        assertEquals(2, run("verify", "--public-key", dir.resolve("nope.pem").toString(), export.toString()));
        assertTrue(stderr().contains("no such public key file"), stderr());
    }

    @Test
    void aBadPemExitsTwo() throws Exception {
        Files.writeString(key, "hello");
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("no PEM block found"), stderr());

        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\nAAAA!!!\n-----END PUBLIC KEY-----\n");
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("not valid base64"), stderr());

        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("not an EC public key"), stderr());

        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("found a PEM \"PRIVATE KEY\" block, expected \"PUBLIC KEY\""), stderr());

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        Files.writeString(key, TestChain.publicKeyPem(p384.generateKeyPair()));
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("not on curve P-256"), stderr());
    }

    @Test
    void aMalformedLineExitsTwoAndNamesIt() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
        lines.set(9, lines.get(9).replace("\"sequence\":", "\"sequence\":x"));
        Files.write(export, lines, StandardCharsets.UTF_8);
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("line 10: column "), stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("check", export.toString()));
        assertEquals(2, run("verify", export.toString()));
        assertEquals(2, run("verify", "--public-key", key.toString()));
        assertEquals(2, run("verify", "--public-key"));
        assertEquals(2, run("verify", "--public-key", key.toString(), export.toString(), export.toString()));
        assertEquals(2, run("verify", "--verbose", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("usage: java -jar consilium-audit.jar verify"), stderr());
        assertEquals(0, run("--help"));
    }

    @Test
    void aGoodRecordingBundleExitsZero() throws Exception {
        Path bundle = TestRecordings.bundle(dir.resolve("rec"), KEYS);
        assertEquals(0, run("verify-recording", "--public-key", key.toString(), bundle.toString()));
        assertTrue(stdout().contains("RESULT: VERIFIED"), stdout());
        assertTrue(stdout().contains("signature:   valid"), stdout());
        assertTrue(stdout().contains("ok      p2-camera-0.webm  33000 bytes, complete"), stdout());
        assertTrue(stdout().contains("recording:   rec-8f3a (visit visit-1187, room room-42)"), stdout());
        assertFalse(stdout().contains("Jane") || stdout().contains("Smith"), "no display names: " + stdout());
        assertEquals("", stderr());
    }

    @Test
    void aTamperedRecordingBundleExitsOneWithItsReasons() throws Exception {
        Path bundle = TestRecordings.bundle(dir.resolve("rec"), KEYS);
        byte[] webm = Files.readAllBytes(bundle.resolve("p1-camera-0.webm"));
        webm[1000] ^= 1;
        Files.write(bundle.resolve("p1-camera-0.webm"), webm);
        Files.write(bundle.resolve("notes.webm"), new byte[3]);
        assertEquals(1, run("verify-recording", "--public-key", key.toString(), bundle.toString()));
        assertTrue(stdout().contains("RESULT: FAILED"), stdout());
        assertTrue(stdout().contains("FAILED  p1-camera-0.webm  70000 bytes, complete: its content differs"), stdout());
        assertTrue(stdout().contains("  - p1-camera-0.webm: its content differs from the manifest's SHA-256"), stdout());
        assertTrue(stdout().contains("  - notes.webm is in the bundle but not listed in the manifest"), stdout());

        Path forged = TestRecordings.bundle(dir.resolve("forged"), TestChain.newKeyPair());
        assertEquals(1, run("verify-recording", "--public-key", key.toString(), forged.toString()));
        assertTrue(stdout().contains("signature:   NOT VALID"), stdout());
        assertTrue(stdout().contains("[as the unverified manifest says]"), stdout());
    }

    @Test
    void aRecordingBundleThatIsNotThereExitsTwo() throws Exception {
        assertEquals(2, run("verify-recording", "--public-key", key.toString(), dir.resolve("nope").toString()));
        assertTrue(stderr().contains("no such bundle directory"), stderr());
        assertEquals(2, run("verify-recording", "--public-key", key.toString(), export.toString()));
        assertTrue(stderr().contains("is not a directory: unzip the recording export"), stderr());
        assertEquals(2, run("verify-recording", "--public-key", key.toString()));
        assertTrue(stderr().contains("no bundle directory given"), stderr());
        assertTrue(stderr().contains("verify-recording --public-key KEY.pem BUNDLE"), stderr());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
