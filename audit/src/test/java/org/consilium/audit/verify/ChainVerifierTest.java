package org.consilium.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportFormatException;
import org.consilium.audit.export.ExportReader;
import org.consilium.audit.testing.TestChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1000 records, a checkpoint after every 100th; each case tampers the way an insider could. */
class ChainVerifierTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();
    private static final List<ChainEntry> CHAIN = Collections.unmodifiableList(TestChain.chain(1000, 100, KEYS));

    @TempDir
    Path dir;

    @Test
    void anIntactExportVerifies() throws Exception {
        VerificationReport report = verify(CHAIN);
        assertTrue(report.verified());
        assertEquals(1000, report.recordsChecked());
        assertEquals(10, report.checkpointsChecked());
        assertEquals(1, report.firstSequence());
        assertEquals(1000, report.lastSequence());
        assertEquals(0, report.uncoveredRecords());
        assertTrue(report.anchored());
        assertTrue(report.firstBadSequence().isEmpty());
    }

    @Test
    void trailingRecordsWithoutACheckpointFailAtTheFirstUnsignedOne() throws Exception {
        // An export ends on a signed checkpoint: records after it were added (or the
        // checkpoint removed), and nothing vouches for them.
        VerificationReport report = assertFailure(TestChain.chain(1005, 100, KEYS), 1001, FailureReason.UNSIGNED_END);
        assertEquals(1000, report.recordsChecked());
        assertEquals(1000, report.lastSequence());
        assertFailure(TestChain.chain(5, 0, KEYS), 1, FailureReason.UNSIGNED_END);
    }

    @Test
    void trailingRecordsRewrittenAndReHashedAfterTheirCheckpointIsRemovedFail() throws Exception {
        // The insider's edit the old warning let through: change the last records, re-hash
        // them (the links hold), and drop the closing checkpoint that no longer matches.
        List<ChainEntry> chain = copy();
        chain.remove(chain.size() - 1); // the checkpoint of 1000
        int at = TestChain.indexOfRecord(chain, 998);
        byte[] previous = ((AuditRecord) chain.get(at - 1)).hash();
        for (int i = at; i < chain.size(); i++) {
            AuditRecord original = (AuditRecord) chain.get(i);
            AuditRecord rewritten = AuditRecord.append(original.sequence(), original.occurredAt(), "someone-else",
                    original.actorRoles(), original.clientAddress(), original.action(), original.target(),
                    original.outcome(), original.details(), previous);
            chain.set(i, rewritten);
            previous = rewritten.hash();
        }
        assertFailure(chain, 901, FailureReason.UNSIGNED_END);

        List<ChainEntry> keptCheckpoint = copy(); // the same edit, the checkpoint left in place
        int last = TestChain.indexOfRecord(keptCheckpoint, 1000);
        AuditRecord original = (AuditRecord) keptCheckpoint.get(last);
        keptCheckpoint.set(last, AuditRecord.append(1000, original.occurredAt(), "someone-else", original.actorRoles(),
                original.clientAddress(), original.action(), original.target(), original.outcome(), original.details(),
                original.previousHash()));
        assertFailure(keptCheckpoint, 1000, FailureReason.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void aChangedFieldNamesThatSequence() throws Exception {
        List<ChainEntry> chain = copy();
        int at = TestChain.indexOfRecord(chain, 437);
        AuditRecord original = (AuditRecord) chain.get(at);
        chain.set(at, new AuditRecord(437, original.occurredAt(), "someone-else", original.actorRoles(),
                original.clientAddress(), original.action(), original.target(), original.outcome(), original.details(),
                original.previousHash(), original.hash()));
        VerificationReport report = assertFailure(chain, 437, FailureReason.HASH_MISMATCH);
        assertEquals(436, report.recordsChecked());
        assertEquals(4, report.checkpointsChecked());
    }

    @Test
    void aChangedFieldWithItsHashRecomputedBreaksTheNextLink() throws Exception {
        List<ChainEntry> chain = copy();
        replaceRehashed(chain, 437);
        assertFailure(chain, 438, FailureReason.BROKEN_LINK);
    }

    @Test
    void aRewrittenRecordUnderACheckpointNamesTheCheckpoint() throws Exception {
        List<ChainEntry> chain = copy();
        replaceRehashed(chain, 500);
        assertFailure(chain, 500, FailureReason.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void aWholeChainRebuiltFromTheRewrittenRecordOnIsCaughtByTheNextCheckpoint() throws Exception {
        List<ChainEntry> chain = copy();
        byte[] previous = ((AuditRecord) chain.get(TestChain.indexOfRecord(chain, 436))).hash();
        for (long sequence = 437; sequence <= 1000; sequence++) {
            int at = TestChain.indexOfRecord(chain, sequence);
            AuditRecord original = (AuditRecord) chain.get(at);
            AuditRecord rebuilt = AuditRecord.append(sequence, original.occurredAt(),
                    sequence == 437 ? "someone-else" : original.actor(), original.actorRoles(),
                    original.clientAddress(), original.action(), original.target(), original.outcome(),
                    original.details(), previous);
            chain.set(at, rebuilt);
            previous = rebuilt.hash();
        }
        assertFailure(chain, 500, FailureReason.CHECKPOINT_HASH_MISMATCH);
    }

    @Test
    void aDeletedRecordNamesTheMissingSequence() throws Exception {
        List<ChainEntry> chain = copy();
        chain.remove(TestChain.indexOfRecord(chain, 437));
        VerificationReport report = assertFailure(chain, 437, FailureReason.GAP);
        assertEquals("event 438 found where 437 was due; sequence 437 is missing", report.failure().orElseThrow().detail());
    }

    @Test
    void deletedRecordsNameTheFirstMissing() throws Exception {
        List<ChainEntry> chain = copy();
        for (int i = 0; i < 3; i++) {
            chain.remove(TestChain.indexOfRecord(chain, 437 + i));
        }
        assertFailure(chain, 437, FailureReason.GAP);
    }

    @Test
    void aDeletedRecordUnderACheckpointNamesTheMissingSequence() throws Exception {
        List<ChainEntry> chain = copy();
        chain.remove(TestChain.indexOfRecord(chain, 500));
        assertFailure(chain, 500, FailureReason.GAP);
    }

    @Test
    void twoRecordsWithTheirContentsSwappedNameTheFirst() throws Exception {
        List<ChainEntry> chain = copy();
        int first = TestChain.indexOfRecord(chain, 437);
        int second = TestChain.indexOfRecord(chain, 438);
        AuditRecord a = (AuditRecord) chain.get(first);
        AuditRecord b = (AuditRecord) chain.get(second);
        chain.set(first, withSequence(b, 437));
        chain.set(second, withSequence(a, 438));
        assertFailure(chain, 437, FailureReason.HASH_MISMATCH);
    }

    @Test
    void twoRecordsSwappedInTheFileNameTheFirst() throws Exception {
        List<ChainEntry> chain = copy();
        Collections.swap(chain, TestChain.indexOfRecord(chain, 437), TestChain.indexOfRecord(chain, 438));
        VerificationReport report = assertFailure(chain, 437, FailureReason.OUT_OF_ORDER);
        assertEquals("event 437 appears later in the file than where it belongs; sequence 437 was due",
                report.failure().orElseThrow().detail());
    }

    @Test
    void distantRecordsSwappedInTheFileNameTheFirst() throws Exception {
        List<ChainEntry> chain = copy();
        Collections.swap(chain, TestChain.indexOfRecord(chain, 437), TestChain.indexOfRecord(chain, 650));
        assertFailure(chain, 437, FailureReason.OUT_OF_ORDER);
    }

    @Test
    void aRepeatedRecordNamesTheSequenceDueInItsPlace() throws Exception {
        List<ChainEntry> chain = copy();
        int at = TestChain.indexOfRecord(chain, 437);
        chain.add(at + 1, chain.get(at));
        assertFailure(chain, 438, FailureReason.OUT_OF_ORDER);
    }

    @Test
    void aForgedCheckpointSignatureNamesTheCheckpoint() throws Exception {
        List<ChainEntry> chain = copy();
        int at = TestChain.indexOfRecord(chain, 300) + 1;
        Checkpoint real = (Checkpoint) chain.get(at);
        KeyPair forger = TestChain.newKeyPair();
        chain.set(at, Checkpoint.sign(300, real.createdAt(), real.chainHash(), real.keyId(),
                TestChain.signer(forger.getPrivate())));
        assertFailure(chain, 300, FailureReason.BAD_CHECKPOINT_SIGNATURE);

        chain.set(at, new Checkpoint(300, real.createdAt(), real.chainHash(), real.keyId(), new byte[] {0x30, 0}));
        assertFailure(chain, 300, FailureReason.BAD_CHECKPOINT_SIGNATURE);
    }

    @Test
    void aCheckpointForAnotherHashWithTheOldSignatureIsForged() throws Exception {
        List<ChainEntry> chain = copy();
        replaceRehashed(chain, 300);
        int at = TestChain.indexOfRecord(chain, 300);
        Checkpoint real = (Checkpoint) chain.get(at + 1);
        chain.set(at + 1, new Checkpoint(300, real.createdAt(), ((AuditRecord) chain.get(at)).hash(), real.keyId(),
                real.signature()));
        assertFailure(chain, 300, FailureReason.BAD_CHECKPOINT_SIGNATURE);
    }

    @Test
    void anotherPublicKeyFailsAtTheFirstCheckpoint() throws Exception {
        Path file = TestChain.write(dir.resolve("export.jsonl"), CHAIN);
        try (ExportReader reader = ExportReader.open(file)) {
            VerificationReport report = ChainVerifier.verify(reader, TestChain.newKeyPair().getPublic());
            assertEquals(100, report.firstBadSequence().orElseThrow());
            assertEquals(FailureReason.BAD_CHECKPOINT_SIGNATURE, report.failure().orElseThrow().reason());
        }
    }

    @Test
    void aMisplacedCheckpointIsOutOfOrder() throws Exception {
        List<ChainEntry> chain = copy();
        int at = TestChain.indexOfRecord(chain, 300);
        Collections.swap(chain, at + 1, at + 2); // checkpoint 300 now after event 301
        assertFailure(chain, 300, FailureReason.OUT_OF_ORDER);
    }

    @Test
    void aCheckpointMovedBeforeItsEventIsOutOfOrder() throws Exception {
        List<ChainEntry> chain = copy();
        int at = TestChain.indexOfRecord(chain, 300);
        Collections.swap(chain, at, at + 1);
        assertFailure(chain, 300, FailureReason.OUT_OF_ORDER);

        List<ChainEntry> startingWithIt = new ArrayList<>(chain.subList(at, chain.size()));
        assertTrue(startingWithIt.get(0) instanceof Checkpoint c && c.sequence() == 300);
        assertFailure(startingWithIt, 300, FailureReason.OUT_OF_ORDER);
    }

    @Test
    void theFirstRecordMustFollowGenesis() throws Exception {
        List<ChainEntry> chain = new ArrayList<>();
        byte[] previous = new byte[32];
        previous[31] = 1;
        AuditRecord first = TestChain.record(2, previous);
        chain.add(new AuditRecord(1, first.occurredAt(), first.actor(), first.actorRoles(), first.clientAddress(),
                first.action(), first.target(), first.outcome(), first.details(), previous, new byte[32]));
        AuditRecord rehashed = (AuditRecord) chain.get(0);
        chain.set(0, rehashed.withHash(rehashed.computeHash()));
        assertFailure(chain, 1, FailureReason.BROKEN_LINK);
    }

    @Test
    void anExportFromTheMiddleIsAnchoredByTheCheckpointBelowIt() throws Exception {
        List<ChainEntry> middle = new ArrayList<>(CHAIN.subList(TestChain.indexOfRecord(CHAIN, 200) + 1,
                TestChain.indexOfRecord(CHAIN, 400) + 2));
        assertTrue(middle.get(0) instanceof Checkpoint c && c.sequence() == 200);
        VerificationReport report = verify(middle);
        assertTrue(report.verified());
        assertTrue(report.anchored());
        assertEquals(200, report.recordsChecked());
        assertEquals(3, report.checkpointsChecked());
        assertEquals(201, report.firstSequence());

        VerificationReport unanchored = verify(middle.subList(1, middle.size()));
        assertTrue(unanchored.verified());
        assertFalse(unanchored.anchored());

        // The anchor is checked: a first record that does not follow it is a broken link.
        List<ChainEntry> forged = new ArrayList<>(middle);
        AuditRecord first = (AuditRecord) forged.get(1);
        forged.set(1, AuditRecord.append(201, first.occurredAt(), first.actor(), first.actorRoles(),
                first.clientAddress(), first.action(), first.target(), first.outcome(), first.details(), new byte[32]));
        assertFailure(forged, 201, FailureReason.BROKEN_LINK);

        // and so is its order: the anchor must be the sequence just below the first record.
        List<ChainEntry> skipped = new ArrayList<>(middle);
        skipped.remove(1);
        assertFailure(skipped, 201, FailureReason.GAP);
    }

    @Test
    void aMalformedLineBeforeAnyFailureIsUnreadableInput() throws Exception {
        Path file = TestChain.write(dir.resolve("export.jsonl"), CHAIN);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(50, "{garbage");
        Files.write(file, lines, StandardCharsets.UTF_8);
        try (ExportReader reader = ExportReader.open(file)) {
            ExportFormatException e = assertThrows(ExportFormatException.class,
                    () -> ChainVerifier.verify(reader, KEYS.getPublic()));
            assertEquals(51, e.lineNumber());
        }
    }

    @Test
    void aKeyThatIsNotEcIsRefused() throws Exception {
        var rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThrows(IllegalArgumentException.class, () -> new ChainVerifier(rsa.generateKeyPair().getPublic()));
    }

    private static List<ChainEntry> copy() {
        return new ArrayList<>(CHAIN);
    }

    /** Changes the actor of {@code sequence} and recomputes its hash, as someone who knows the format could. */
    private static void replaceRehashed(List<ChainEntry> chain, long sequence) {
        int at = TestChain.indexOfRecord(chain, sequence);
        AuditRecord original = (AuditRecord) chain.get(at);
        chain.set(at, AuditRecord.append(sequence, original.occurredAt(), "someone-else", original.actorRoles(),
                original.clientAddress(), original.action(), original.target(), original.outcome(),
                original.details(), original.previousHash()));
    }

    private static AuditRecord withSequence(AuditRecord record, long sequence) {
        return new AuditRecord(sequence, record.occurredAt(), record.actor(), record.actorRoles(),
                record.clientAddress(), record.action(), record.target(), record.outcome(), record.details(),
                record.previousHash(), record.hash());
    }

    /** Through a real file, so the export format is part of every case. */
    private VerificationReport verify(List<ChainEntry> chain) throws Exception {
        Path file = TestChain.write(Files.createTempFile(dir, "export", ".jsonl"), chain);
        try (ExportReader reader = ExportReader.open(file)) {
            return ChainVerifier.verify(reader, KEYS.getPublic());
        }
    }

    private VerificationReport assertFailure(List<ChainEntry> chain, long sequence, FailureReason reason)
            throws Exception {
        VerificationReport report = verify(chain);
        assertFalse(report.verified());
        ChainFailure failure = report.failure().orElseThrow();
        assertEquals(sequence, failure.sequence(), failure.toString());
        assertEquals(reason, failure.reason(), failure.toString());
        assertEquals(0, report.uncoveredRecords());
        return report;
    }
}
