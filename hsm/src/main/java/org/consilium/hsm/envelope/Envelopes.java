package org.consilium.hsm.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.consilium.hsm.kek.Kek;
import org.consilium.hsm.kek.KekRing;
import org.consilium.hsm.token.Token;

/**
 * Encrypts objects under fresh data keys wrapped by the current KEK, and decrypts them
 * under whichever KEK version wrapped them. Thread-safe; the streams it returns are not.
 *
 * <p>Crypto-shredding: an object is gone for good once no copy of its header (which
 * holds the wrapped data key) survives, or once the KEK version that wrapped it is
 * destroyed ({@link KekRing#destroy}); the chunks alone are undecryptable.
 */
public final class Envelopes {

    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final KekRing keks;
    private final DataKeyWrap wrap;
    private final SecureRandom random;
    private final int chunkSize;

    public Envelopes(Token token, KekRing keks) {
        this(keks, new DataKeyWrap(token.provider(), new SecureRandom()), new SecureRandom(), DEFAULT_CHUNK_SIZE);
    }

    private Envelopes(KekRing keks, DataKeyWrap wrap, SecureRandom random, int chunkSize) {
        this.keks = keks;
        this.wrap = wrap;
        this.random = random;
        this.chunkSize = chunkSize;
    }

    /** The same service writing chunks of {@code chunkSize} plaintext bytes (reading follows the header). */
    public Envelopes withChunkSize(int chunkSize) {
        if (chunkSize < EnvelopeHeader.MIN_CHUNK_SIZE || chunkSize > EnvelopeHeader.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be " + EnvelopeHeader.MIN_CHUNK_SIZE
                    + ".." + EnvelopeHeader.MAX_CHUNK_SIZE + " bytes");
        }
        return new Envelopes(keks, wrap, random, chunkSize);
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Writes a header to {@code sink} and returns the stream that encrypts into it. Close
     * it to seal the last chunk (and close {@code sink}). An unclosed envelope fails
     * {@link #decryptingFrom} (it looks truncated, which it is); {@link #openSeekable} reads
     * its whole chunks and reports it as not complete.
     */
    public OutputStream encryptingTo(OutputStream sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        byte[] dataKey = new byte[DataKeyWrap.DATA_KEY_LENGTH];
        byte[] salt = new byte[EnvelopeHeader.SALT_LENGTH];
        random.nextBytes(dataKey);
        random.nextBytes(salt);
        try {
            EnvelopeHeader header = wrap.wrap(keks.current(), chunkSize, salt, dataKey);
            ChunkCipher cipher = new ChunkCipher(dataKey, header);
            sink.write(header.bytes());
            return new EncryptingOutputStream(sink, cipher, chunkSize);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Reads and checks the header of {@code source} (unwrapping its data key in the token)
     * and returns the stream of its plaintext. Reads fail with {@link TamperedDataException}
     * as soon as a chunk does not authenticate; see {@link EnvelopeException} on partial output.
     */
    public InputStream decryptingFrom(InputStream source) throws IOException {
        Objects.requireNonNull(source, "source");
        EnvelopeHeader header = EnvelopeHeader.parse(source.readNBytes(EnvelopeHeader.LENGTH));
        byte[] dataKey = unwrap(header);
        try {
            return new DecryptingInputStream(source, new ChunkCipher(dataKey, header), header.chunkSize());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Opens the envelope in {@code channel} (header at byte 0, as {@link #encryptingTo} writes
     * it) for random access: playback by range, and reading a recording its writer never
     * closed. The reader takes over the channel (closing it closes the channel, also when
     * opening fails). See {@link SeekableEnvelope} for complete versus truncated.
     *
     * @throws MalformedEnvelopeException if it is not an envelope
     * @throws KeyUnavailableException if the KEK version that wrapped it is gone (shredded)
     * @throws TamperedDataException if the header or the last whole chunk does not authenticate
     */
    public SeekableEnvelope openSeekable(SeekableByteChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        try {
            ByteBuffer bytes = ByteBuffer.allocate(EnvelopeHeader.LENGTH);
            channel.position(0);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // a header is 85 bytes; a short file is judged by EnvelopeHeader.parse
            }
            return openSeekable(EnvelopeHeader.parse(Arrays.copyOf(bytes.array(), bytes.position())),
                    channel, EnvelopeHeader.LENGTH);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens chunks whose header is kept apart (a database row, so that deleting the row
     * shreds the object): {@code header} authenticates the chunks found in {@code channel}
     * from byte {@code chunksAt} on. Takes over the channel as {@link #openSeekable(SeekableByteChannel)}.
     */
    public SeekableEnvelope openSeekable(EnvelopeHeader header, SeekableByteChannel channel, long chunksAt)
            throws IOException {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(channel, "channel");
        try {
            if (chunksAt < 0) {
                throw new IllegalArgumentException("negative chunk offset " + chunksAt);
            }
            byte[] dataKey = unwrap(header);
            try {
                return SeekableEnvelope.open(channel, new ChunkCipher(dataKey, header), chunksAt, header.chunkSize());
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@link #openSeekable(SeekableByteChannel)} on a file, opened for reading only. */
    public SeekableEnvelope openSeekable(Path file) throws IOException {
        return openSeekable(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** {@link #encryptingTo} for an object already in memory. */
    public byte[] encrypt(byte[] plaintext) {
        ByteArrayOutputStream envelope = new ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, envelopeLength(plaintext.length, chunkSize)));
        try (OutputStream out = encryptingTo(envelope)) {
            out.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return envelope.toByteArray();
    }

    /** {@link #decryptingFrom} for an envelope already in memory. */
    public byte[] decrypt(byte[] envelope) throws EnvelopeException {
        try (InputStream in = decryptingFrom(new ByteArrayInputStream(envelope))) {
            return in.readAllBytes();
        } catch (EnvelopeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not throw
        }
    }

    /**
     * The header re-wrapped under the current KEK version, same length: overwrite the old
     * header with it and the chunks stay valid. Used to move objects off a KEK version
     * before destroying it.
     */
    public byte[] rewrap(byte[] header) throws EnvelopeException {
        EnvelopeHeader old = EnvelopeHeader.parse(header);
        byte[] dataKey = unwrap(old);
        try {
            return wrap.wrap(keks.current(), old.chunkSize(), old.salt(), dataKey).toByteArray();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The KEK version {@link #encryptingTo} and {@link #rewrap} wrap data keys under now. */
    public int currentKekVersion() {
        return keks.current().version();
    }

    /** Bytes of the envelope of {@code plaintextLength} bytes: header plus a tag per chunk. */
    public static long envelopeLength(long plaintextLength, int chunkSize) {
        long chunks = Math.max(1, (plaintextLength + chunkSize - 1) / chunkSize);
        return EnvelopeHeader.LENGTH + plaintextLength + chunks * ChunkCipher.TAG_LENGTH;
    }

    private byte[] unwrap(EnvelopeHeader header) throws EnvelopeException {
        Kek kek = keks.version(header.kekVersion())
                .orElseThrow(() -> new KeyUnavailableException(header.kekVersion()));
        return wrap.unwrap(kek, header);
    }
}
