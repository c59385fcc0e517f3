package org.consilium.application.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.consilium.domain.recording.RecordingId;

/** Where recordings' files go: encrypted as they are written, on the appliance's recordings volume. */
public interface RecordingStorage {

    /** Why no recording may start now (no key, not enough space), in a sentence for the host; empty when one may. */
    Optional<String> refusal();

    /** Whether space has run short while recording: running recordings stop before the volume is full. */
    boolean nearlyFull();

    /** Plaintext bytes per sealed chunk of a media file: a crash loses at most one. */
    int MEDIA_CHUNK_BYTES = 16 * 1024;
    /** Per chunk of a chat file: small, so that a crash loses a message or two, not a visit's chat. */
    int TEXT_CHUNK_BYTES = 512;

    /**
     * A new file of the recording, sealed in chunks of {@code chunkBytes} as it is written;
     * nothing readable reaches the disk.
     */
    TrackFile create(RecordingId recording, String fileName, int chunkBytes) throws IOException;

    /**
     * A file of the recording for reading, decrypted chunk by chunk as it is read (nothing
     * decrypted is written anywhere). A file its writer never finished (the node died) reads
     * up to its last whole chunk.
     *
     * @throws java.nio.file.NoSuchFileException when it is not there (shredded, or never written)
     */
    PlaintextFile open(RecordingId recording, String fileName) throws IOException;

    /** The names of the recording's files on this appliance's volume, in order (none when it has none). */
    java.util.List<String> files(RecordingId recording) throws IOException;

    /** When the file was last written to (for a file whose writer never finished). */
    java.time.Instant lastWritten(RecordingId recording, String fileName) throws IOException;

    /**
     * Crypto-shreds a recording: every file's header (which alone holds the file's wrapped
     * data key) is overwritten and forced to the disk, then the files and their directory are
     * deleted. Returns how many files there were; none is fine (shredded before, or nothing written).
     */
    int shred(RecordingId recording) throws IOException;

    /** Reading a file of a recording by position. */
    interface PlaintextFile extends java.io.Closeable {

        long length();

        /** False when the file ends early (its writer never finished it). */
        boolean complete();

        /** {@code count} bytes from {@code position}, decrypted as they are read. */
        java.io.InputStream range(long position, long count);
    }

    /** A file being written: the plaintext's length and SHA-256 once closed. */
    abstract class TrackFile extends OutputStream {

        public abstract long plaintextBytes();

        /** Lower-case hex SHA-256 of everything written; valid after {@link #close()}. */
        public abstract String sha256();
    }
}
