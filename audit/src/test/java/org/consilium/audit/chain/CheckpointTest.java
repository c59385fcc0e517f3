package org.consilium.audit.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.consilium.audit.testing.TestChain;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();
    private static final Instant AT = Instant.parse("2026-11-22T09:00:00.000001Z");
    private static final byte[] HASH = HexFormat.of().parseHex(
            "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4");

    private final Checkpoint checkpoint = Checkpoint.sign(1000, AT, HASH, "audit-key-1", TestChain.signer(KEYS.getPrivate()));

    @Test
    void aSignatureByTheKeyVerifies() {
        assertTrue(checkpoint.verify(KEYS.getPublic()));
    }

    @Test
    void anotherKeyDoesNotVerify() {
        assertFalse(checkpoint.verify(TestChain.newKeyPair().getPublic()));
    }

    @Test
    void everySignedFieldIsCovered() {
        byte[] signature = checkpoint.signature();
        byte[] otherHash = HASH.clone();
        otherHash[0] ^= 1;
        assertFalse(new Checkpoint(1001, AT, HASH, "audit-key-1", signature).verify(KEYS.getPublic()));
        assertFalse(new Checkpoint(1000, AT.plusNanos(1000), HASH, "audit-key-1", signature).verify(KEYS.getPublic()));
        assertFalse(new Checkpoint(1000, AT, otherHash, "audit-key-1", signature).verify(KEYS.getPublic()));
        assertFalse(new Checkpoint(1000, AT, HASH, "audit-key-2", signature).verify(KEYS.getPublic()));
    }

    @Test
    void malformedSignaturesAreInvalidNotExceptions() {
        byte[] good = checkpoint.signature();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] bad;
            switch (i % 4) {
                case 0 -> {
                    bad = new byte[1 + random.nextInt(100)];
                    random.nextBytes(bad);
                }
                case 1 -> bad = Arrays.copyOf(good, 1 + random.nextInt(good.length - 1));
                case 2 -> {
                    bad = good.clone();
                    bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                }
                default -> bad = new byte[1 + random.nextInt(72)];
            }
            Checkpoint forged = new Checkpoint(1000, AT, HASH, "audit-key-1", bad);
            assertFalse(forged.verify(KEYS.getPublic()), "accepted forged signature " + HexFormat.of().formatHex(bad));
        }
    }

    @Test
    void aKeyThatIsNotEcIsRefusedClearly() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> checkpoint.verify(rsa.generateKeyPair().getPublic()));
        assertEquals("the public key is not an EC key usable with SHA256withECDSA", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> checkpoint.verify(null));
    }

    @Test
    void signedBytesAreTheDocumentedLayout() {
        String hex = HexFormat.of().formatHex(checkpoint.signedBytes());
        assertEquals("0000001d" + HexFormat.of().formatHex("consilium-audit-checkpoint-v1".getBytes())
                + "00000000000003e8"
                + String.format("%016x", AT.getEpochSecond()) + "000003e8"
                + "00000020" + HexFormat.of().formatHex(HASH)
                + "0000000b" + HexFormat.of().formatHex("audit-key-1".getBytes()), hex);
        assertArrayEquals(checkpoint.signedBytes(), Checkpoint.signedBytes(1000, AT, HASH, "audit-key-1"));
    }

    @Test
    void shapesAreChecked() {
        byte[] sig = checkpoint.signature();
        assertEquals("sequence must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(0, AT, HASH, "k", sig)).getMessage());
        assertEquals("chainHash must be 32 bytes, was 3",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, AT, new byte[3], "k", sig)).getMessage());
        assertEquals("keyId must not be blank",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, AT, HASH, " ", sig)).getMessage());
        assertEquals("signature must not be empty",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, AT, HASH, "k", new byte[0])).getMessage());
        assertEquals("createdAt must not be null",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, null, HASH, "k", sig)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(1, AT, HASH, "k", new byte[2000]));
    }

    @Test
    void arraysAreCopiedAndCompared() {
        byte[] hash = HASH.clone();
        byte[] signature = checkpoint.signature();
        Checkpoint copy = new Checkpoint(1000, AT, hash, "audit-key-1", signature);
        hash[0] ^= 1;
        signature[0] ^= 1;
        copy.chainHash()[0] ^= 1;
        copy.signature()[0] ^= 1;
        assertEquals(checkpoint, copy);
        assertEquals(checkpoint.hashCode(), copy.hashCode());
        assertTrue(copy.verify(KEYS.getPublic()));
    }
}
