package org.consilium.audit.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;
import org.consilium.audit.export.ExportHeader;
import org.consilium.audit.export.ExportReader;
import org.consilium.audit.export.ExportWriter;

/** Builds real chains, signed with a real EC P-256 key, as the server would. */
public final class TestChain {

    public static final Instant START = Instant.parse("2026-11-22T08:00:00.123456789Z");
    public static final String KEY_ID = "consilium-audit-signing";
    public static final ExportHeader HEADER =
            new ExportHeader(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                    Instant.parse("2026-12-01T08:30:00Z"));

    private static final String[] ACTIONS = {"login", "room.create", "room.join", "room.admit", "recording.start",
        "recording.export", "screenshare.start", "audit.read"};
    private static final String[] OUTCOMES = {AuditRecord.SUCCESS, AuditRecord.SUCCESS, AuditRecord.SUCCESS,
        AuditRecord.FAILURE, AuditRecord.DENIED};

    private TestChain() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA256withECDSA with {@code key}, DER: what the HSM does on the server. */
    public static UnaryOperator<byte[]> signer(PrivateKey key) {
        return data -> {
            try {
                Signature signature = Signature.getInstance(Checkpoint.SIGNATURE_ALGORITHM);
                signature.initSign(key);
                signature.update(data);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** A plausible record for {@code sequence}, its content varying with it. */
    public static AuditRecord record(long sequence, byte[] previousHash) {
        int n = (int) (sequence % 1000);
        Map<String, String> details = new TreeMap<>();
        if (n % 3 == 0) {
            details.put("room", "room-" + (n % 17));
        }
        if (n % 5 == 0) {
            details.put("reason", "idle \"timeout\" after 15 min\n(auto)");
        }
        return AuditRecord.append(sequence, START.plusMillis(sequence * 250),
                "user" + (n % 37) + (n % 11 == 0 ? "-müller" : ""),
                n % 4 == 0 ? List.of("clinician", "host") : List.of("clinician"),
                n % 7 == 0 ? null : "10.20.30." + (n % 250),
                ACTIONS[n % ACTIONS.length],
                n % 2 == 0 ? null : "visit/" + n,
                OUTCOMES[n % OUTCOMES.length],
                details, previousHash);
    }

    public static Checkpoint checkpoint(AuditRecord record, KeyPair keys) {
        return Checkpoint.sign(record.sequence(), record.occurredAt().plusMillis(5), record.hash(), KEY_ID,
                signer(keys.getPrivate()));
    }

    /** Records 1..{@code count}, a checkpoint after every {@code checkpointEvery}-th. */
    public static List<ChainEntry> chain(int count, int checkpointEvery, KeyPair keys) {
        List<ChainEntry> entries = new ArrayList<>();
        byte[] previous = AuditRecord.GENESIS.clone();
        for (long sequence = 1; sequence <= count; sequence++) {
            AuditRecord record = record(sequence, previous);
            entries.add(record);
            if (checkpointEvery > 0 && sequence % checkpointEvery == 0) {
                entries.add(checkpoint(record, keys));
            }
            previous = record.hash();
        }
        return entries;
    }

    public static Path write(Path file, List<? extends ChainEntry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ExportWriter writer = ExportWriter.create(out, HEADER)) {
            for (ChainEntry entry : entries) {
                writer.write(entry);
            }
        }
        return file;
    }

    public static List<ChainEntry> read(Path file) throws IOException {
        List<ChainEntry> entries = new ArrayList<>();
        try (ExportReader reader = ExportReader.open(file)) {
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                entries.add(entry.get());
            }
        }
        return entries;
    }

    /** Index in {@code entries} of the record with {@code sequence}. */
    public static int indexOfRecord(List<ChainEntry> entries, long sequence) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof AuditRecord record && record.sequence() == sequence) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record " + sequence);
    }

    public static String publicKeyPem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
