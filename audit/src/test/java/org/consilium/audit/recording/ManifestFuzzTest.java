package org.consilium.audit.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, decoding ends in a manifest whose encoding is exactly those bytes,
 * or in a ManifestFormatException: never another exception, never a second spelling.
 */
class ManifestFuzzTest {

    private static final byte[] VALID = ManifestJsonTest.SMALL.getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALPHABET = "{}[]\":,\\/0123456789-.eEtrufalsn \n\tabcdefxyzZT\u00e9"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void mutatedManifestsDecodeToThemselvesOrFailCleanly() {
        Random random = new Random(20261207);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = mutate(VALID, random);
            check(bytes);
        }
    }

    @Test
    void everyPrefixFailsCleanly() {
        for (int length = 0; length < VALID.length; length++) {
            check(Arrays.copyOf(VALID, length));
        }
    }

    private static void check(byte[] bytes) {
        try {
            RecordingManifest manifest = ManifestJson.decode(bytes);
            assertArrayEquals(bytes, ManifestJson.encode(manifest));
        } catch (ManifestFormatException expected) {
            // refused, with a reason
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] mutate(byte[] source, Random random) {
        byte[] bytes = source.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }
}
