package org.consilium.hsm.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Envelopes under a real SoftHSM2 KEK come back as they went in, across rotations and rewraps. */
class EnvelopeRoundTripTest {

    private static final int CHUNK = 64;

    private Token token;
    private KekRing keks;
    private Envelopes envelopes;

    @BeforeEach
    void open() {
        token = SoftHsm.login();
        keks = KekRing.openOrCreate(token, SoftHsm.freshLabels());
        envelopes = new Envelopes(token, keks).withChunkSize(CHUNK);
    }

    @AfterEach
    void close() {
        token.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 5 * CHUNK + 7})
    void roundTripsWholeAndStreamed(int size) throws IOException {
        byte[] plain = random(size, size);
        byte[] envelope = envelopes.encrypt(plain);
        assertEquals(Envelopes.envelopeLength(size, CHUNK), envelope.length);
        assertArrayEquals(plain, envelopes.decrypt(envelope));

        // Byte by byte and in odd slices: chunking must not depend on how callers write or read.
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (OutputStream out = envelopes.encryptingTo(streamed)) {
            for (int i = 0; i < size; ) {
                int n = Math.min(size - i, i % 3 == 0 ? 1 : 29);
                if (n == 1) {
                    out.write(plain[i]);
                } else {
                    out.write(plain, i, n);
                }
                i += n;
            }
        }
        assertEquals(envelope.length, streamed.size());
        try (InputStream in = envelopes.decryptingFrom(new ByteArrayInputStream(streamed.toByteArray()))) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                back.write(b);
            }
            assertArrayEquals(plain, back.toByteArray());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void emptyInputIsOneEmptyFinalChunk() throws IOException {
        byte[] envelope = envelopes.encrypt(new byte[0]);
        assertEquals(EnvelopeHeader.LENGTH + 16, envelope.length);
        assertEquals(0, envelopes.decrypt(envelope).length);
    }

    @Test
    void exactlyOneChunkIsOneFinalChunk() throws IOException {
        byte[] envelope = envelopes.encrypt(random(CHUNK, 1));
        assertEquals(EnvelopeHeader.LENGTH + CHUNK + 16, envelope.length, "no extra empty chunk");
        assertArrayEquals(random(CHUNK, 1), envelopes.decrypt(envelope));
    }

    @Test
    void aMegabyteWithTheDefaultChunkSize() throws IOException {
        Envelopes defaults = new Envelopes(token, keks);
        byte[] plain = random(1 << 20, 7);
        byte[] envelope = defaults.encrypt(plain);
        assertEquals(Envelopes.DEFAULT_CHUNK_SIZE, EnvelopeHeader.parse(envelope).chunkSize());
        assertArrayEquals(plain, defaults.decrypt(envelope));
        assertArrayEquals(plain, envelopes.decrypt(envelope), "the reader follows the header's chunk size");
    }

    @Test
    void everyObjectGetsItsOwnDataKey() {
        byte[] plain = random(100, 3);
        byte[] a = envelopes.encrypt(plain);
        byte[] b = envelopes.encrypt(plain);
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, EnvelopeHeader.LENGTH, a.length),
                Arrays.copyOfRange(b, EnvelopeHeader.LENGTH, b.length)));
    }

    @Test
    void afterRotationOldObjectsStayReadableAndNewOnesUseTheNewVersion() throws IOException {
        byte[] plain = random(300, 4);
        byte[] old = envelopes.encrypt(plain);
        assertEquals(1, EnvelopeHeader.parse(old).kekVersion());

        keks.rotate();
        byte[] fresh = envelopes.encrypt(plain);
        assertEquals(2, EnvelopeHeader.parse(fresh).kekVersion());
        assertArrayEquals(plain, envelopes.decrypt(old));
        assertArrayEquals(plain, envelopes.decrypt(fresh));
    }

    /** Rewrap moves an object to the current KEK without touching its chunks; then the old KEK can go. */
    @Test
    void rewrappedObjectsSurviveDestroyingTheOldVersionOthersAreShredded() throws IOException {
        byte[] plain = random(300, 5);
        byte[] kept = envelopes.encrypt(plain);
        byte[] shredded = envelopes.encrypt(plain);
        keks.rotate();

        byte[] header = envelopes.rewrap(Arrays.copyOf(kept, EnvelopeHeader.LENGTH));
        assertEquals(EnvelopeHeader.LENGTH, header.length);
        assertEquals(2, EnvelopeHeader.parse(header).kekVersion());
        System.arraycopy(header, 0, kept, 0, header.length);

        keks.destroy(1);
        assertArrayEquals(plain, envelopes.decrypt(kept));
        KeyUnavailableException gone = assertThrows(KeyUnavailableException.class, () -> envelopes.decrypt(shredded));
        assertEquals(1, gone.kekVersion());
    }

    @Test
    void aHeaderKeptApartFromTheChunksStillOpensThem() throws IOException {
        byte[] plain = random(200, 6);
        byte[] envelope = envelopes.encrypt(plain);
        byte[] header = Arrays.copyOf(envelope, EnvelopeHeader.LENGTH);
        byte[] chunks = Arrays.copyOfRange(envelope, EnvelopeHeader.LENGTH, envelope.length);

        InputStream joined = new java.io.SequenceInputStream(new ByteArrayInputStream(header), new ByteArrayInputStream(chunks));
        try (InputStream in = envelopes.decryptingFrom(joined)) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    @Test
    void aClosedEnvelopeRefusesMoreData() throws IOException {
        OutputStream out = envelopes.encryptingTo(new ByteArrayOutputStream());
        out.close();
        out.close(); // idempotent
        assertThrows(IOException.class, () -> out.write(1));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
