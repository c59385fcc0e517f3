package org.consilium.hsm.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An envelope file moved to the newest KEK version in place, under a real SoftHSM2 token. */
class EnvelopeFileRewrapTest {

    private static final int CHUNK = 1024;

    @TempDir
    Path directory;

    private Token token;
    private KekRing keks;
    private Envelopes envelopes;
    private EnvelopeFileRewrap rewrap;

    @BeforeEach
    void open() {
        token = SoftHsm.login();
        keks = KekRing.openOrCreate(token, SoftHsm.freshLabels());
        envelopes = new Envelopes(token, keks).withChunkSize(CHUNK);
        rewrap = new EnvelopeFileRewrap(envelopes);
    }

    @AfterEach
    void close() {
        token.close();
    }

    @Test
    void afterRotationTheHeaderMovesToTheNewVersionTheChunksStayAndTheOldVersionCanGo() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(10 * CHUNK + 77, 11);
        Path file = write("001-alice.webm.csev", plain);
        FileTime written = FileTime.from(Instant.parse("2024-03-01T10:15:30Z"));
        Files.setLastModifiedTime(file, written);
        byte[] before = Files.readAllBytes(file);
        assertEquals(1, EnvelopeHeader.parse(before).kekVersion());

        keks.rotate();
        EnvelopeFileRewrap.Outcome outcome = rewrap.rewrap(file);

        assertEquals(new EnvelopeFileRewrap.Outcome(EnvelopeFileRewrap.Kind.REWRAPPED, 2, 1), outcome);
        byte[] after = Files.readAllBytes(file);
        assertEquals(before.length, after.length);
        assertEquals(2, EnvelopeHeader.parse(after).kekVersion());
        assertArrayEquals(Arrays.copyOfRange(before, 0, 21), Arrays.copyOfRange(after, 0, 21),
                "the object part of the header is the same");
        assertFalse(Arrays.equals(Arrays.copyOfRange(before, 21, EnvelopeHeader.LENGTH),
                Arrays.copyOfRange(after, 21, EnvelopeHeader.LENGTH)), "a new wrap");
        assertArrayEquals(Arrays.copyOfRange(before, EnvelopeHeader.LENGTH, before.length),
                Arrays.copyOfRange(after, EnvelopeHeader.LENGTH, after.length), "every byte after the header unchanged");
        assertEquals(written, Files.getLastModifiedTime(file), "the time the recording was written is kept");

        keks.destroy(1);
        assertArrayEquals(plain, read(file));
        try (SeekableEnvelope seekable = envelopes.openSeekable(file)) {
            assertEquals(plain.length, seekable.length());
        }
    }

    @Test
    void aFileOnTheCurrentVersionIsNotWritten() throws IOException {
        keks.rotate();
        Path file = write("002-bob.webm.csev", EnvelopeRoundTripTest.random(100, 12));
        byte[] before = Files.readAllBytes(file);
        assertEquals(new EnvelopeFileRewrap.Outcome(EnvelopeFileRewrap.Kind.CURRENT, 2, 2), rewrap.rewrap(file));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    /** The whole history of rotations: a file two versions behind goes straight to the newest. */
    @Test
    void aFileSeveralVersionsBehindGoesToTheNewest() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(3 * CHUNK, 13);
        Path file = write("003-carol.webm.csev", plain);
        keks.rotate();
        keks.rotate();
        assertEquals(new EnvelopeFileRewrap.Outcome(EnvelopeFileRewrap.Kind.REWRAPPED, 3, 1), rewrap.rewrap(file));
        keks.destroy(1);
        keks.destroy(2);
        assertArrayEquals(plain, read(file));
    }

    /** An unfinished recording (its writer still open, or killed) is rewrapped and reads as far as before. */
    @Test
    void aFileStillBeingWrittenKeepsBeingWrittenAfterTheRewrap() throws IOException {
        byte[] plain = EnvelopeRoundTripTest.random(4 * CHUNK, 14);
        Path file = directory.resolve("004-dan.webm.csev");
        try (OutputStream out = envelopes.encryptingTo(Files.newOutputStream(file))) {
            out.write(plain, 0, 2 * CHUNK + 5);
            keks.rotate();
            assertEquals(EnvelopeFileRewrap.Kind.REWRAPPED, rewrap.rewrap(file).kind());
            out.write(plain, 2 * CHUNK + 5, plain.length - (2 * CHUNK + 5));
        }
        keks.destroy(1);
        assertArrayEquals(plain, read(file));
    }

    @Test
    void shreddedShortForeignAndVanishedFilesAreLeftAlone() throws IOException {
        keks.rotate();
        Path shredded = directory.resolve("shredded.webm.csev");
        Files.write(shredded, new byte[EnvelopeHeader.LENGTH + 40]);
        Path shortFile = directory.resolve("short.webm.csev");
        Files.write(shortFile, Arrays.copyOf(envelopes.encrypt(new byte[10]), 40));
        Path foreign = directory.resolve("foreign.webm.csev");
        Files.write(foreign, EnvelopeRoundTripTest.random(500, 15));

        assertEquals(EnvelopeFileRewrap.Kind.SHREDDED, rewrap.rewrap(shredded).kind());
        assertArrayEquals(new byte[EnvelopeHeader.LENGTH + 40], Files.readAllBytes(shredded), "zeros stay zeros");
        assertEquals(EnvelopeFileRewrap.Kind.NOT_AN_ENVELOPE, rewrap.rewrap(shortFile).kind());
        assertEquals(EnvelopeFileRewrap.Kind.NOT_AN_ENVELOPE, rewrap.rewrap(foreign).kind());
        assertEquals(EnvelopeFileRewrap.Kind.GONE, rewrap.rewrap(directory.resolve("deleted.webm.csev")).kind());
    }

    @Test
    void aHeaderThatDoesNotAuthenticateIsRefusedAndNotWritten() throws IOException {
        Path file = write("005-eve.webm.csev", EnvelopeRoundTripTest.random(100, 16));
        byte[] altered = Files.readAllBytes(file);
        altered[60] ^= 1; // inside the wrapped data key
        Files.write(file, altered);
        keks.rotate();
        assertThrows(TamperedDataException.class, () -> rewrap.rewrap(file));
        assertArrayEquals(altered, Files.readAllBytes(file));
    }

    private Path write(String name, byte[] plain) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = envelopes.encryptingTo(Files.newOutputStream(file))) {
            out.write(plain);
        }
        return file;
    }

    private byte[] read(Path file) throws IOException {
        try (InputStream in = envelopes.decryptingFrom(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
