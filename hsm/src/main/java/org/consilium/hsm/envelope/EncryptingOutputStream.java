package org.consilium.hsm.envelope;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes an envelope: the header (already written by {@link Envelopes}), then one sealed
 * chunk per chunk-size bytes. A full chunk is held back until more data arrives, because
 * only {@link #close()} knows which chunk is the last. Nothing is complete before close;
 * {@link #flush()} passes on the chunks sealed so far.
 *
 * <p>Flush deliberately does not seal a partial chunk: in format version 1 every chunk but
 * the final one is full, which is what lets a reader compute offsets and lengths from the
 * file length alone ({@link SeekableEnvelope}). A writer that flushes often (a recording, a
 * WebM cluster at a time) and then crashes leaves its sealed chunks readable and loses at
 * most one chunk of plaintext (the held-back chunk or the partial one, never both, since
 * they share the buffer); recordings use small chunks (16 KiB) to keep that loss small.
 */
final class EncryptingOutputStream extends OutputStream {

    private final OutputStream sink;
    private final ChunkCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private int filled;
    private long index;
    private boolean closed;
    private boolean failed;

    EncryptingOutputStream(OutputStream sink, ChunkCipher cipher, int chunkSize) {
        this.sink = sink;
        this.cipher = cipher;
        this.plain = new byte[chunkSize];
        this.sealed = new byte[chunkSize + ChunkCipher.TAG_LENGTH];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == plain.length) {
            seal(false);
        }
        plain[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (filled == plain.length) {
                seal(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Flushes the sink; keeps the unsealed partial (or held-back full) chunk, see above. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        sink.flush();
    }

    /** Seals the last chunk and closes the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (sink) {
            if (!failed) {
                seal(true);
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private void seal(boolean last) throws IOException {
        int length = cipher.seal(index, last, plain, filled, sealed);
        index++;
        filled = 0;
        try {
            sink.write(sealed, 0, length);
        } catch (IOException | RuntimeException e) {
            failed = true; // a chunk may be half written: the envelope is unusable
            throw e;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the envelope is closed");
        }
        if (failed) {
            throw new IOException("an earlier write failed; the envelope is incomplete");
        }
    }
}
