package org.consilium.hsm.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way of altering an envelope is rejected with an {@link EnvelopeException}, never
 * a plaintext and never an unchecked exception. 100 bytes in chunks of 32: four chunks of
 * 32, 32, 32 and 4 plaintext bytes (48, 48, 48 and 20 sealed).
 */
class EnvelopeTamperingTest {

    private static final int CHUNK = 32;
    private static final int SEALED = CHUNK + 16;
    private static final int H = EnvelopeHeader.LENGTH;

    private Token token;
    private Envelopes envelopes;
    private byte[] plain;
    private byte[] envelope;

    @BeforeEach
    void open() {
        token = SoftHsm.login();
        envelopes = new Envelopes(token, KekRing.openOrCreate(token, SoftHsm.freshLabels())).withChunkSize(CHUNK);
        plain = EnvelopeRoundTripTest.random(100, 42);
        envelope = envelopes.encrypt(plain);
        assertEquals(H + 3 * SEALED + 20, envelope.length);
    }

    @AfterEach
    void close() {
        token.close();
    }

    @Test
    void everyFlippedBitIsRejected() {
        for (int bit = 0; bit < envelope.length * 8; bit++) {
            byte[] altered = envelope.clone();
            altered[bit / 8] ^= (byte) (1 << (bit % 8));
            int at = bit / 8;
            EnvelopeException e = assertThrows(EnvelopeException.class, () -> envelopes.decrypt(altered), "bit " + bit);
            if (at >= 9 && (at < 21 || at >= 25)) { // salt, wrap nonce, wrapped key, chunks
                assertTrue(e instanceof TamperedDataException, "byte " + at + ": " + e);
            }
        }
    }

    @Test
    void flippedBitsInEachPartSayWhy() {
        assertMessage(MalformedEnvelopeException.class, "no CSEV magic", flip(0));
        assertMessage(MalformedEnvelopeException.class, "format version", flip(4));
        assertMessage(KeyUnavailableException.class, "KEK v3", flip(24, 0x02));
        assertMessage(TamperedDataException.class, "header does not authenticate", flip(12));        // salt
        assertMessage(TamperedDataException.class, "header does not authenticate", flip(30));        // wrap nonce
        assertMessage(TamperedDataException.class, "header does not authenticate", flip(60));        // wrapped key
        assertMessage(TamperedDataException.class, "chunk 0 fails", flip(H));
        assertMessage(TamperedDataException.class, "chunk 2 fails", flip(H + 2 * SEALED + SEALED - 1)); // a tag
        assertMessage(TamperedDataException.class, "chunk 3 fails", flip(envelope.length - 1));
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < envelope.length; length++) {
            byte[] cut = Arrays.copyOf(envelope, length);
            EnvelopeException e = assertThrows(EnvelopeException.class, () -> envelopes.decrypt(cut), "length " + length);
            if (length >= 4) {
                assertTrue(e instanceof TamperedDataException, "length " + length + ": " + e);
            }
        }
    }

    @Test
    void droppingTheLastChunkOrCuttingOneShortIsCaught() {
        assertMessage(TamperedDataException.class, "chunk 2 fails", Arrays.copyOf(envelope, envelope.length - 20));
        assertMessage(TamperedDataException.class, "chunk 1 fails", Arrays.copyOf(envelope, H + SEALED + 30));
        assertMessage(TamperedDataException.class, "shorter than its tag", Arrays.copyOf(envelope, H + SEALED + 10));
        assertMessage(TamperedDataException.class, "chunk 0 is shorter than its tag", Arrays.copyOf(envelope, H));
    }

    @Test
    void reorderedOrDroppedChunksAreCaught() {
        byte[] swapped = envelope.clone();
        System.arraycopy(envelope, H, swapped, H + SEALED, SEALED);
        System.arraycopy(envelope, H + SEALED, swapped, H, SEALED);
        assertMessage(TamperedDataException.class, "chunk 0 fails", swapped);

        byte[] withoutChunk1 = concat(Arrays.copyOf(envelope, H + SEALED), Arrays.copyOfRange(envelope, H + 2 * SEALED, envelope.length));
        assertMessage(TamperedDataException.class, "chunk 1 fails", withoutChunk1);
    }

    @Test
    void anythingAppendedIsCaught() {
        byte[] lastChunk = Arrays.copyOfRange(envelope, envelope.length - 20, envelope.length);
        byte[] middleChunk = Arrays.copyOfRange(envelope, H + SEALED, H + 2 * SEALED);
        assertMessage(TamperedDataException.class, "chunk 3 fails", concat(envelope, lastChunk));
        assertMessage(TamperedDataException.class, "chunk 3 fails", concat(envelope, middleChunk));
        assertMessage(TamperedDataException.class, "chunk 3 fails", concat(envelope, new byte[1]));
        assertMessage(TamperedDataException.class, "chunk 3 fails", concat(envelope, envelopes.encrypt(plain)));

        byte[] empty = envelopes.encrypt(new byte[0]);
        assertMessage(TamperedDataException.class, "chunk 0 fails", concat(empty, new byte[16]));
    }

    @Test
    void headersAndWrappedKeysDoNotMoveBetweenObjects() {
        byte[] other = envelopes.encrypt(plain);

        byte[] otherHeader = concat(Arrays.copyOf(other, H), Arrays.copyOfRange(envelope, H, envelope.length));
        assertMessage(TamperedDataException.class, "chunk 0 fails", otherHeader);

        byte[] otherWrappedKey = envelope.clone();
        System.arraycopy(other, 21, otherWrappedKey, 21, H - 21);
        assertMessage(TamperedDataException.class, "header does not authenticate", otherWrappedKey);
    }

    @Test
    void anEnvelopeFromAnotherInstallationDoesNotOpen() {
        Envelopes elsewhere = new Envelopes(token, KekRing.openOrCreate(token, SoftHsm.freshLabels()));
        assertMessage(TamperedDataException.class, "header does not authenticate", elsewhere.encrypt(plain));
    }

    @Test
    void garbageAndForeignFormatsAreNamed() {
        Random random = new Random(1);
        for (int length : new int[] {0, 1, 3, 4, 50, H, 300, 5000}) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            assertMessage(MalformedEnvelopeException.class, "not a Consilium envelope", garbage);
        }
        for (int i = 0; i < 500; i++) { // our magic and version, then anything
            byte[] garbage = new byte[random.nextInt(400)];
            random.nextBytes(garbage);
            System.arraycopy(envelope, 0, garbage, 0, Math.min(5, garbage.length));
            assertThrows(EnvelopeException.class, () -> envelopes.decrypt(garbage));
        }

        byte[] version2 = envelope.clone();
        version2[4] = 2;
        assertMessage(MalformedEnvelopeException.class, "unsupported envelope format version 2", version2);
        byte[] hugeChunks = envelope.clone();
        hugeChunks[5] = (byte) 0x7f;
        assertMessage(MalformedEnvelopeException.class, "chunk size out of range", hugeChunks);
        byte[] versionZero = envelope.clone();
        Arrays.fill(versionZero, 21, 25, (byte) 0);
        assertMessage(MalformedEnvelopeException.class, "KEK version out of range", versionZero);
        assertMessage(TamperedDataException.class, "inside its header", Arrays.copyOf(envelope, 5));
    }

    /** Chunks before the bad one were released (streaming); the stream stays failed afterwards. */
    @Test
    void aStreamFailsAtTheBadChunkAndStaysFailed() throws IOException {
        byte[] altered = flip(H + 2 * SEALED + 5);
        InputStream in = envelopes.decryptingFrom(new ByteArrayInputStream(altered));
        byte[] released = in.readNBytes(2 * CHUNK);
        assertArrayEquals(Arrays.copyOf(plain, 2 * CHUNK), released);
        assertThrows(TamperedDataException.class, in::read);
        assertThrows(TamperedDataException.class, () -> in.read(new byte[10]));
        in.close();
        assertThrows(IOException.class, in::read, "a closed envelope does not pretend to have ended");
    }

    private byte[] flip(int at) {
        return flip(at, 0x01);
    }

    private byte[] flip(int at, int mask) {
        byte[] altered = envelope.clone();
        altered[at] ^= (byte) mask;
        return altered;
    }

    private void assertMessage(Class<? extends EnvelopeException> type, String fragment, byte[] altered) {
        EnvelopeException e = assertThrows(type, () -> envelopes.decrypt(altered));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
