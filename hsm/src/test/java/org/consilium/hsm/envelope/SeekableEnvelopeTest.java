package org.consilium.hsm.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random access and crash tolerance of {@link SeekableEnvelope}, on files, under a real
 * SoftHSM2 KEK. The small envelope: 100 bytes in chunks of 32, so chunks of 32, 32, 32 and
 * 4 plaintext bytes (48, 48, 48 and 20 sealed).
 */
class SeekableEnvelopeTest {

    private static final int CHUNK = 32;
    private static final int SEALED = CHUNK + 16;
    private static final int H = EnvelopeHeader.LENGTH;

    @TempDir
    Path dir;

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
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 37 * CHUNK + 5, 40 * CHUNK})
    void roundTripsAndReadsAnySlice(int size) throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(size, size);
        Path file = write(envelopes.encrypt(plain));
        try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
            assertTrue(envelope.isComplete());
            assertEquals(size, envelope.length());
            assertEquals(Math.max(1, (size + CHUNK - 1) / CHUNK), envelope.chunkCount());
            assertArrayEquals(plain, readAll(envelope));
            assertSlicesMatch(envelope, plain, new Random(size));
            envelope.verifyAll();
        }
    }

    @Test
    void recordingSizedChunksAndABufferThatIsNotAnArray() throws IOException {
        Envelopes recordings = envelopes.withChunkSize(16 * 1024);
        byte[] plain = EnvelopeRoundTripTest.random(1_000_003, 9);
        try (SeekableEnvelope envelope = recordings.openSeekable(write(recordings.encrypt(plain)))) {
            assertEquals(plain.length, envelope.length());
            assertEquals(16 * 1024, envelope.chunkSize());
            assertSlicesMatch(envelope, plain, new Random(3));
            ByteBuffer direct = ByteBuffer.allocateDirect(40_000);
            assertEquals(40_000, envelope.read(500_000, direct));
            direct.flip();
            byte[] got = new byte[40_000];
            direct.get(got);
            assertArrayEquals(Arrays.copyOfRange(plain, 500_000, 540_000), got);
        }
    }

    /** The range an HTTP server would answer with; a range past the end is cut at the end. */
    @Test
    void rangeStreams() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(1000, 11);
        try (SeekableEnvelope envelope = envelopes.openSeekable(write(envelopes.encrypt(plain)))) {
            try (InputStream in = envelope.inputStream(100, 250)) {
                assertArrayEquals(Arrays.copyOfRange(plain, 100, 350), in.readAllBytes());
            }
            try (InputStream in = envelope.inputStream(990, 1_000_000)) {
                assertEquals(9, in.skip(9));
                assertEquals(plain[999] & 0xff, in.read());
                assertEquals(-1, in.read());
            }
            try (InputStream in = envelope.inputStream(5000, 10)) {
                assertEquals(-1, in.read());
            }
            assertEquals(-1, envelope.read(1000, new byte[1], 0, 1));
            assertEquals(0, envelope.read(1000, new byte[1], 0, 0));
            assertThrows(IllegalArgumentException.class, () -> envelope.read(-1, new byte[1], 0, 1));
        }
    }

    /** Every cut: a cut inside the header is an error; any other is the whole chunks before it. */
    @ParameterizedTest
    @ValueSource(ints = {100, 96})
    void truncationAtEveryByteGivesAConsistentPrefix(int size) throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(size, 42);
        byte[] whole = envelopes.encrypt(plain);
        for (int cut = 0; cut <= whole.length; cut++) {
            Path file = write(Arrays.copyOf(whole, cut));
            if (cut < H) {
                int at = cut;
                EnvelopeException e = assertThrows(EnvelopeException.class, () -> envelopes.openSeekable(file),
                        "cut " + cut);
                if (at >= 5) {
                    assertTrue(e instanceof TamperedDataException, "cut " + at + ": " + e);
                }
                continue;
            }
            try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
                boolean complete = cut == whole.length;
                long expected = complete ? size : (long) (cut - H) / SEALED * CHUNK;
                assertEquals(complete, envelope.isComplete(), "cut " + cut);
                assertEquals(expected, envelope.length(), "cut " + cut);
                assertArrayEquals(Arrays.copyOf(plain, (int) expected), readAll(envelope), "cut " + cut);
                envelope.verifyAll();
            }
        }
    }

    /** The attack the final flag exists for: dropping whole chunks from the end of a complete envelope. */
    @Test
    void aCompleteEnvelopeCutOnAChunkBoundaryIsNotComplete() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(3 * CHUNK, 5);
        byte[] whole = envelopes.encrypt(plain);
        for (int chunks = 0; chunks <= 3; chunks++) {
            try (SeekableEnvelope envelope = envelopes.openSeekable(write(Arrays.copyOf(whole, H + chunks * SEALED)))) {
                assertEquals(chunks == 3, envelope.isComplete(), chunks + " chunks");
                assertEquals(chunks * CHUNK, envelope.length());
            }
        }
    }

    /** A writer that flushed and then died: what it flushed is readable, and says it is not complete. */
    @Test
    void anUnclosedWriterLeavesItsSealedChunksReadable() throws IOException {
        Envelopes recordings = envelopes.withChunkSize(16 * 1024);
        byte[] plain = EnvelopeRoundTripTest.random(200_000, 8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = recordings.encryptingTo(sink);
        int written = 0;
        for (int cluster : new int[] {4000, 30_000, 17, 60_000, 16 * 1024, 50_000}) {
            out.write(plain, written, cluster);
            out.flush(); // like the WebM muxer after each cluster
            written += cluster;
            byte[] crashed = sink.toByteArray();
            try (SeekableEnvelope envelope = recordings.openSeekable(write(crashed))) {
                assertFalse(envelope.isComplete());
                long sealed = (crashed.length - H) / (16 * 1024 + 16);
                assertEquals(sealed * 16 * 1024, envelope.length());
                assertTrue(written - envelope.length() <= 16 * 1024, "at most one chunk is lost: " + written);
                assertArrayEquals(Arrays.copyOf(plain, (int) envelope.length()), readAll(envelope));
            }
        }
        out.close();
        try (SeekableEnvelope envelope = recordings.openSeekable(write(sink.toByteArray()))) {
            assertTrue(envelope.isComplete());
            assertArrayEquals(Arrays.copyOf(plain, written), readAll(envelope));
        }
    }

    @Test
    void flushDoesNotSealAPartialChunk() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = envelopes.encryptingTo(sink);
        out.write(new byte[CHUNK - 1]);
        out.flush();
        assertEquals(H, sink.size());
        out.write(0);
        out.flush();
        assertEquals(H, sink.size(), "a full chunk waits: it may be the last");
        out.write(0);
        out.flush();
        assertEquals(H + SEALED, sink.size());
        out.close();
        assertEquals(H + SEALED + 1 + 16, sink.size());
    }

    /**
     * A flipped bit in a chunk never yields plaintext: the chunk fails when read, or (in a
     * short last chunk, which a crash could also have left half written) the envelope is no
     * longer complete and ends before it. Either way no byte returned differs from the original.
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 96})
    void everyFlippedBitInTheChunksFails(int size) throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(size, 1);
        byte[] whole = envelopes.encrypt(plain);
        int shortLastChunkAt = size % CHUNK == 0 ? whole.length : H + size / CHUNK * SEALED;
        for (int bit = H * 8; bit < whole.length * 8; bit++) {
            byte[] altered = whole.clone();
            altered[bit / 8] ^= (byte) (1 << (bit % 8));
            Path file = write(altered);
            if (bit / 8 >= shortLastChunkAt) {
                try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
                    assertFalse(envelope.isComplete(), "bit " + bit);
                    assertArrayEquals(Arrays.copyOf(plain, size / CHUNK * CHUNK), readAll(envelope), "bit " + bit);
                }
                continue;
            }
            try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
                byte[] read = readAll(envelope);
                fail("bit " + bit + " went unnoticed: read " + read.length + " bytes");
            } catch (TamperedDataException expected) {
                // at open (the last chunk) or when its chunk was read
            }
        }
    }

    @Test
    void everyFlippedBitInTheHeaderFailsAtOpen() throws IOException {
        byte[] whole = envelopes.encrypt(EnvelopeRoundTripTest.random(100, 2));
        for (int bit = 0; bit < H * 8; bit++) {
            byte[] altered = whole.clone();
            altered[bit / 8] ^= (byte) (1 << (bit % 8));
            int at = bit / 8;
            Path file = write(altered);
            EnvelopeException e = assertThrows(EnvelopeException.class, () -> envelopes.openSeekable(file), "bit " + bit);
            if (at >= 9 && (at < 21 || at >= 25)) { // salt, wrap nonce, wrapped key
                assertTrue(e instanceof TamperedDataException, "byte " + at + ": " + e);
            }
        }
    }

    @Test
    void reorderedChunksAndAnotherObjectsHeaderFail() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(100, 3);
        byte[] whole = envelopes.encrypt(plain);
        byte[] swapped = whole.clone();
        System.arraycopy(whole, H, swapped, H + SEALED, SEALED);
        System.arraycopy(whole, H + SEALED, swapped, H, SEALED);
        try (SeekableEnvelope envelope = envelopes.openSeekable(write(swapped))) {
            assertTrue(envelope.isComplete());
            assertArrayEquals(Arrays.copyOfRange(plain, 64, 100), readRange(envelope, 64, 36), "untouched chunks read");
            TamperedDataException e = assertThrows(TamperedDataException.class, () -> readRange(envelope, 10, 1));
            assertTrue(e.getMessage().contains("chunk 0 fails"), e.getMessage());
            assertThrows(TamperedDataException.class, envelope::verifyAll);
        }

        byte[] other = envelopes.encrypt(plain);
        byte[] otherHeader = whole.clone();
        System.arraycopy(other, 0, otherHeader, 0, H);
        TamperedDataException e = assertThrows(TamperedDataException.class, () -> envelopes.openSeekable(write(otherHeader)));
        assertTrue(e.getMessage().contains("chunk 2 fails"), e.getMessage());
    }

    @Test
    void aHeaderKeptApartOpensTheChunks() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(300, 4);
        byte[] whole = envelopes.encrypt(plain);
        EnvelopeHeader header = EnvelopeHeader.parse(whole);
        Path chunks = write(Arrays.copyOfRange(whole, H, whole.length));
        try (SeekableEnvelope envelope = envelopes.openSeekable(header, FileChannel.open(chunks), 0)) {
            assertTrue(envelope.isComplete());
            assertArrayEquals(plain, readAll(envelope));
        }
    }

    @Test
    void aShreddedObjectDoesNotOpenAndTheChannelIsClosed() throws IOException {
        Path file = write(envelopes.encrypt(EnvelopeRoundTripTest.random(100, 6)));
        keks.rotate();
        keks.destroy(1);
        FileChannel channel = FileChannel.open(file);
        assertThrows(KeyUnavailableException.class, () -> envelopes.openSeekable(channel));
        assertFalse(channel.isOpen());
    }

    @Test
    void theWholeStreamOwnsTheEnvelope() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(1000, 12);
        FileChannel channel = FileChannel.open(write(envelopes.encrypt(plain)));
        SeekableEnvelope envelope = envelopes.openSeekable(channel);
        try (InputStream in = envelope.asInputStream()) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertFalse(channel.isOpen());
    }

    @Test
    void aClosedEnvelopeRefusesReadsAndClosesItsChannel() throws IOException {
        FileChannel channel = FileChannel.open(write(envelopes.encrypt(new byte[10])));
        SeekableEnvelope envelope = envelopes.openSeekable(channel);
        envelope.close();
        envelope.close();
        assertFalse(channel.isOpen());
        assertThrows(IOException.class, () -> envelope.read(0, new byte[1], 0, 1));
    }

    /** A file still being written is read as it was when opened. */
    @Test
    void aGrowingFileIsReadAsItWasAtOpen() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(100, 7);
        byte[] whole = envelopes.encrypt(plain);
        Path file = write(Arrays.copyOf(whole, H + 2 * SEALED + 3));
        try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
            Files.write(file, Arrays.copyOfRange(whole, H + 2 * SEALED + 3, whole.length), StandardOpenOption.APPEND);
            assertFalse(envelope.isComplete());
            assertArrayEquals(Arrays.copyOf(plain, 2 * CHUNK), readAll(envelope));
        }
        try (SeekableEnvelope envelope = envelopes.openSeekable(file)) {
            assertTrue(envelope.isComplete());
        }
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "envelope", ".csev"), bytes);
    }

    private static byte[] readAll(SeekableEnvelope envelope) throws IOException {
        return readRange(envelope, 0, (int) envelope.length());
    }

    private static byte[] readRange(SeekableEnvelope envelope, long from, int count) throws IOException {
        byte[] out = new byte[count];
        if (count > 0) {
            assertEquals(count, envelope.read(from, out, 0, count));
        }
        return out;
    }

    private static void assertSlicesMatch(SeekableEnvelope envelope, byte[] plain, Random random) throws IOException {
        if (plain.length == 0) {
            assertEquals(-1, envelope.read(0, new byte[1], 0, 1));
            return;
        }
        for (int i = 0; i < 300; i++) {
            int from = random.nextInt(plain.length);
            int count = 1 + random.nextInt(Math.min(plain.length - from, 3 * CHUNK + 10 + random.nextInt(50_000)));
            byte[] got = new byte[count];
            assertEquals(count, envelope.read(from, got, 0, count));
            assertArrayEquals(Arrays.copyOfRange(plain, from, from + count), got, "from " + from + " count " + count);
        }
    }
}
