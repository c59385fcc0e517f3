package org.consilium.hsm.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads an envelope's chunks (after the header, read by {@link Envelopes}) and returns
 * the plaintext of each once its tag has been checked. One byte is read beyond each
 * chunk: a chunk followed by end-of-stream must be the one sealed as last, which is how
 * truncation and appended data are caught. After a failure every read fails again.
 */
final class DecryptingInputStream extends InputStream {

    private final InputStream source;
    private final ChunkCipher cipher;
    private final byte[] sealed;
    private final byte[] plain;
    private int carried;
    private int position;
    private int limit;
    private long index;
    private boolean finished;
    private boolean closed;
    private EnvelopeException failure;

    DecryptingInputStream(InputStream source, ChunkCipher cipher, int chunkSize) {
        this.source = source;
        this.cipher = cipher;
        this.sealed = new byte[chunkSize + ChunkCipher.TAG_LENGTH + 1];
        this.plain = new byte[chunkSize];
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !nextChunk()) {
            return -1;
        }
        return plain[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position == limit && !nextChunk()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(plain, (byte) 0);
        position = limit = 0;
        closed = true;
        source.close();
    }

    /** Opens the next chunk; false at the end of the envelope. */
    private boolean nextChunk() throws IOException {
        if (closed) {
            throw new IOException("the envelope is closed"); // not -1: that would pass for a complete read
        }
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return false;
        }
        int wanted = sealed.length;
        int n = carried;
        while (n < wanted) {
            int r = source.read(sealed, n, wanted - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        boolean last = n < wanted;
        int length = last ? n : n - 1;
        try {
            if (length < ChunkCipher.TAG_LENGTH) {
                throw new TamperedDataException("truncated: chunk " + index + " is shorter than its tag");
            }
            limit = cipher.open(index, last, sealed, length, plain);
        } catch (TamperedDataException e) {
            failure = e;
            position = limit = 0;
            throw e;
        }
        position = 0;
        index++;
        if (last) {
            finished = true;
            carried = 0;
        } else {
            sealed[0] = sealed[length];
            carried = 1;
        }
        // Only the last chunk can be empty (empty input); it ends the stream.
        return limit > 0;
    }
}
