package org.consilium.audit.bench;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Locale;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.export.ExportReader;
import org.consilium.audit.export.ExportWriter;
import org.consilium.audit.testing.TestChain;
import org.consilium.audit.verify.ChainVerifier;
import org.consilium.audit.verify.VerificationReport;

/**
 * Writes an export of {@code -Drecords} records with a signed checkpoint every
 * {@code -DcheckpointEvery}, then times {@code -Drounds} verifications of it. Run with a
 * small heap (the profile gives 64 MB) to show that neither side holds the export in memory:
 * {@code mvn -q -pl audit -Pbenchmark test-compile exec:exec}
 */
public final class VerifyThroughput {

    private VerifyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("records", 1_000_000);
        long checkpointEvery = Long.getLong("checkpointEvery", 1000);
        int rounds = Integer.getInteger("rounds", 3);
        KeyPair keys = TestChain.newKeyPair();
        Path file = Files.createTempFile("consilium-audit-bench", ".jsonl");
        try {
            long start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(file);
                    ExportWriter writer = ExportWriter.create(out, TestChain.HEADER)) {
                byte[] previous = AuditRecord.GENESIS.clone();
                for (long sequence = 1; sequence <= records; sequence++) {
                    AuditRecord record = TestChain.record(sequence, previous);
                    writer.write(record);
                    if (sequence % checkpointEvery == 0) {
                        writer.write(TestChain.checkpoint(record, keys));
                    }
                    previous = record.hash();
                }
            }
            double written = seconds(start);
            System.out.printf(Locale.ROOT, "wrote %,d records, %,d checkpoints, %,.1f MB in %.2f s (%,.0f records/s, append + sign + write)%n",
                    records, records / checkpointEvery, Files.size(file) / 1e6, written, records / written);

            for (int round = 1; round <= rounds; round++) {
                start = System.nanoTime();
                VerificationReport report;
                try (ExportReader reader = ExportReader.open(file)) {
                    report = ChainVerifier.verify(reader, keys.getPublic());
                }
                double took = seconds(start);
                if (!report.verified() || report.recordsChecked() != records) {
                    throw new IllegalStateException("the benchmark export did not verify: " + report);
                }
                System.out.printf(Locale.ROOT, "round %d: verified %,d records and %,d checkpoints in %.2f s: %,.0f records/s (max heap %d MB)%n",
                        round, report.recordsChecked(), report.checkpointsChecked(), took, records / took,
                        Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
