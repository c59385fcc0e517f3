package org.consilium.hsm.envelope;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Random access to the plaintext of an envelope in a file, decrypting only the chunks a
 * read touches (the last one is kept), so playback can serve HTTP range requests without a
 * decrypted copy anywhere. Opened with {@link Envelopes#openSeekable}.
 *
 * <p><b>Complete or truncated.</b> When opened, the file's length is taken once and its tail
 * decides what the envelope is. <i>Complete</i>: its last chunk authenticates as the final
 * chunk (the writer was closed); then every chunk before it is full and the plaintext length
 * follows from the file length. <i>Truncated</i>: the writer stopped before closing it (a
 * crash, a full disk): trailing bytes that are not a whole chunk are ignored, the plaintext is
 * the whole chunks, and the last of them must authenticate as a non-final chunk. Cutting a
 * complete envelope exactly on a chunk boundary therefore shows as truncated, never as
 * complete, because no final chunk remains. A damaged short last chunk cannot be told from a
 * chunk half written by a crash, so it too reads as truncated: whoever needs "complete"
 * (the signed manifest says which it was) checks {@link #isComplete()}.
 *
 * <p><b>Authentication.</b> Every chunk is authenticated, with its index and final flag,
 * before any of its bytes are returned; one that fails is a {@link TamperedDataException}
 * and nothing of it is released. Chunks are checked as they are read, not all at open (an
 * hour of video is 40,000 chunks); {@link #verifyAll()} checks them all.
 *
 * <p>Takes over the channel: {@link #close()} closes it. A file still being appended to is
 * read as it was at open. Methods are synchronized (one cipher, one cached chunk), so one
 * instance may be shared but serializes its readers; open one per request for parallelism.
 */
public final class SeekableEnvelope implements Closeable {

    private final SeekableByteChannel channel;
    private final ChunkCipher cipher;
    private final long chunksAt;
    private final int chunkSize;
    private final int sealedSize;
    private final long chunkCount;
    private final long length;
    private final boolean complete;
    private final byte[] sealed;
    private final byte[] plain;
    private long cachedIndex = -1;
    private int cachedLength;
    private boolean closed;

    private SeekableEnvelope(SeekableByteChannel channel, ChunkCipher cipher, long chunksAt, int chunkSize)
            throws IOException {
        this.channel = channel;
        this.cipher = cipher;
        this.chunksAt = chunksAt;
        this.chunkSize = chunkSize;
        this.sealedSize = chunkSize + ChunkCipher.TAG_LENGTH;
        this.sealed = new byte[sealedSize];
        this.plain = new byte[chunkSize];

        long body = Math.max(0, channel.size() - chunksAt);
        long whole = body / sealedSize;
        int rest = (int) (body % sealedSize);
        if (rest >= ChunkCipher.TAG_LENGTH && tryChunk(whole, true, rest)) {
            // a short final chunk (or the empty one of empty input) ends the envelope
            this.complete = true;
            this.chunkCount = whole + 1;
            this.length = whole * chunkSize + cachedLength;
        } else if (rest == 0 && whole > 0 && tryChunk(whole - 1, true, sealedSize)) {
            this.complete = true; // a full final chunk
            this.chunkCount = whole;
            this.length = whole * chunkSize;
        } else {
            if (whole > 0 && !tryChunk(whole - 1, false, sealedSize)) {
                throw new TamperedDataException("chunk " + (whole - 1)
                        + " fails authentication as the last whole chunk of a truncated envelope: altered,"
                        + " out of order, or the header of another object");
            }
            this.complete = false;
            this.chunkCount = whole;
            this.length = whole * chunkSize;
        }
    }

    /** The chunks of {@code channel} from byte {@code chunksAt} on; {@link Envelopes} has checked the header. */
    static SeekableEnvelope open(SeekableByteChannel channel, ChunkCipher cipher, long chunksAt, int chunkSize)
            throws IOException {
        return new SeekableEnvelope(channel, cipher, chunksAt, chunkSize);
    }

    /** Plaintext bytes: all of them if complete, those of the whole chunks if truncated. */
    public long length() {
        return length;
    }

    /** Whether the final chunk is present and authentic: the writer closed the envelope. */
    public boolean isComplete() {
        return complete;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Chunks that make up the plaintext (a truncated envelope's ignored tail not counted). */
    public long chunkCount() {
        return chunkCount;
    }

    /**
     * Copies plaintext from {@code position} into {@code b} until {@code len} bytes or the end.
     *
     * @return the number of bytes copied, or -1 if {@code position} is at or beyond the end
     * @throws TamperedDataException if a chunk in the range fails authentication (nothing of it is copied)
     */
    public synchronized int read(long position, byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= length) {
            return len == 0 ? 0 : -1;
        }
        int done = 0;
        while (done < len && position < length) {
            long index = position / chunkSize;
            load(index);
            int within = (int) (position - index * chunkSize);
            int n = Math.min(len - done, cachedLength - within);
            System.arraycopy(plain, within, b, off + done, n);
            done += n;
            position += n;
        }
        return done;
    }

    /** {@link #read(long, byte[], int, int)} into a buffer's remaining space. */
    public synchronized int read(long position, ByteBuffer dst) throws IOException {
        if (dst.hasArray()) {
            int n = read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] copy = new byte[Math.min(dst.remaining(), chunkSize)];
        int total = 0;
        try {
            while (dst.hasRemaining()) {
                int n = read(position + total, copy, 0, Math.min(copy.length, dst.remaining()));
                if (n < 0) {
                    return total > 0 ? total : -1;
                }
                dst.put(copy, 0, n);
                total += n;
            }
            return total;
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /**
     * The plaintext from {@code position}, at most {@code count} bytes (fewer at the end): the
     * body of an HTTP range response. The stream reads through this envelope; do not close
     * the envelope before the stream is drained.
     */
    public InputStream inputStream(long position, long count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        return new RangeStream(position, Math.min(count, Math.max(0, length - position)));
    }

    /**
     * All the plaintext as a stream that owns this envelope: closing the stream closes it.
     * For reading a file once from start to end (an export, computing a manifest's SHA-256).
     */
    public InputStream asInputStream() {
        InputStream range = inputStream(0, length);
        return new java.io.FilterInputStream(range) {
            @Override
            public void close() throws IOException {
                SeekableEnvelope.this.close();
            }
        };
    }

    /** Authenticates every chunk (a pass over the whole file); throws at the first that fails. */
    public synchronized void verifyAll() throws IOException {
        ensureOpen();
        for (long index = 0; index < chunkCount; index++) {
            load(index);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            Arrays.fill(plain, (byte) 0);
            cachedIndex = -1;
            channel.close();
        }
    }

    /** Decrypts chunk {@code index} of the plaintext into the cache. */
    private void load(long index) throws IOException {
        if (index == cachedIndex) {
            return;
        }
        boolean last = index == chunkCount - 1;
        int sealedLength = last && complete ? (int) (length - index * chunkSize) + ChunkCipher.TAG_LENGTH : sealedSize;
        readSealed(index, sealedLength);
        cachedIndex = -1;
        try {
            cachedLength = cipher.open(index, last && complete, sealed, sealedLength, plain);
        } catch (TamperedDataException e) {
            Arrays.fill(plain, (byte) 0); // GCM releases nothing on failure; wiped all the same
            throw e;
        }
        cachedIndex = index;
    }

    /** At open: whether chunk {@code index} of {@code sealedLength} bytes authenticates with that final flag. */
    private boolean tryChunk(long index, boolean last, int sealedLength) throws IOException {
        readSealed(index, sealedLength);
        try {
            cachedLength = cipher.open(index, last, sealed, sealedLength, plain);
            cachedIndex = index;
            return true;
        } catch (TamperedDataException e) {
            cachedIndex = -1;
            return false;
        }
    }

    private void readSealed(long index, int sealedLength) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(sealed, 0, sealedLength);
        long at = chunksAt + index * sealedSize;
        channel.position(at);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                // the file shrank after open: nobody may do that to a recording
                throw new EOFException("the envelope file ended inside chunk " + index + " (shortened while open)");
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the envelope is closed");
        }
    }

    /** A window on the plaintext; reads go through the (synchronized) envelope. */
    private final class RangeStream extends InputStream {

        private long position;
        private final long end;

        RangeStream(long position, long count) {
            this.position = position;
            this.end = position + count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int n = SeekableEnvelope.this.read(position, b, off, (int) Math.min(len, end - position));
            if (n < 0) {
                return -1;
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
        }
    }
}
