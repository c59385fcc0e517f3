package org.consilium.infrastructure.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.recording.RecordingStorage;
import org.consilium.domain.recording.RecordingId;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.envelope.SeekableEnvelope;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Recordings under {@code consilium.recording.directory} (default: the server's data
 * directory's {@code recordings}), one directory per recording, each file an envelope
 * ({@code org.consilium.hsm.envelope}) of 16-KiB chunks: a crash loses at most the chunk
 * being filled. New recordings need {@code consilium.recording.min-free-mb} (default 1024)
 * free; running ones stop when less than half of that is left, so that the volume never
 * fills under the database and the logs.
 */
@ApplicationScoped
public class EncryptedRecordingFiles implements RecordingStorage {

    private static final Logger LOG = Logger.getLogger(EncryptedRecordingFiles.class.getName());

    @Inject
    Instance<Envelopes> envelopes;

    @Override
    public Optional<String> refusal() {
        try {
            envelopes.get();
        } catch (RuntimeException noToken) {
            return Optional.of("The recording keys are not available (the HSM cannot be reached). Try again later, "
                    + "or ask IT to check the HSM.");
        }
        try {
            long free = Files.getFileStore(directory()).getUsableSpace();
            if (free < minimumFree()) {
                return Optional.of("The appliance's recording storage is nearly full, so no recording can start. "
                        + "Ask IT to free space or add storage.");
            }
            return Optional.empty();
        } catch (IOException unreadable) {
            LOG.log(Level.WARNING, "The recordings directory cannot be used: {0}", unreadable.getClass().getName());
            return Optional.of("The appliance's recording storage is not available. Ask IT to check it.");
        }
    }

    @Override
    public boolean nearlyFull() {
        try {
            // at least a megabyte: a volume whose minimum is set to 0 still stops a recording before it is full
            return Files.getFileStore(directory()).getUsableSpace() < Math.max(minimumFree() / 2, 1024 * 1024);
        } catch (IOException unreadable) {
            return true;
        }
    }

    @Override
    public TrackFile create(RecordingId recording, String fileName, int chunkBytes) throws IOException {
        Path folder = directory().resolve(recording.toString());
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException exists) {
            // the recording's next file
        }
        Path file = folder.resolve(fileName);
        OutputStream raw = Files.newOutputStream(Files.createFile(file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                StandardOpenOption.WRITE);
        try {
            return new EncryptedTrackFile(envelopes.get().withChunkSize(chunkBytes).encryptingTo(raw));
        } catch (IOException | RuntimeException failed) {
            raw.close();
            throw failed;
        }
    }

    @Override
    public PlaintextFile open(RecordingId recording, String fileName) throws IOException {
        if (!fileName.matches("[0-9]{3,}-[A-Za-z0-9_-]{1,64}\\.(webm|jsonl)\\.csev")) {
            throw new java.nio.file.NoSuchFileException(fileName); // never a path of the caller's choosing
        }
        Path file = directory().resolve(recording.toString()).resolve(fileName);
        SeekableEnvelope envelope = envelopes.get().openSeekable(Files.newByteChannel(file, StandardOpenOption.READ));
        return new PlaintextFile() {
            @Override
            public long length() {
                return envelope.length();
            }

            @Override
            public boolean complete() {
                return envelope.isComplete();
            }

            @Override
            public java.io.InputStream range(long position, long count) {
                return envelope.inputStream(position, count);
            }

            @Override
            public void close() throws IOException {
                envelope.close();
            }
        };
    }

    @Override
    public java.util.List<String> files(RecordingId recording) throws IOException {
        Path folder = directory().resolve(recording.toString());
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var listing = Files.list(folder)) {
            return listing.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public java.time.Instant lastWritten(RecordingId recording, String fileName) throws IOException {
        return Files.getLastModifiedTime(directory().resolve(recording.toString()).resolve(fileName)).toInstant();
    }

    @Override
    public int shred(RecordingId recording) throws IOException {
        Path folder = directory().resolve(recording.toString());
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int files = 0;
        try (var listing = Files.list(folder)) {
            for (Path file : listing.toList()) {
                destroyHeader(file);
                Files.delete(file);
                files++;
            }
        }
        Files.delete(folder);
        return files;
    }

    /** Overwrites the envelope header (the wrapped data key with it) in place and forces it to the disk. */
    private static void destroyHeader(Path file) throws IOException {
        synchronized (HeaderWrites.LOCK) { // never interleaved with a rewrap of the same header (RecordingEnvelopes)
            zeroHeader(file);
        }
    }

    private static void zeroHeader(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            long length = Math.min(channel.size(), org.consilium.hsm.envelope.EnvelopeHeader.LENGTH);
            java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate((int) length);
            while (zeros.hasRemaining()) {
                channel.write(zeros, zeros.position());
            }
            channel.force(true);
        }
    }

    /** The recordings directory, made (owner only) if it is not there. */
    public static Path directory() throws IOException {
        Path directory = Path.of(ConfigProvider.getConfig().getOptionalValue("consilium.recording.directory", String.class)
                .orElseGet(() -> System.getProperty("jboss.server.data.dir", ".") + "/recordings"));
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }

    private static long minimumFree() {
        return ConfigProvider.getConfig().getOptionalValue("consilium.recording.min-free-mb", Long.class)
                .orElse(1024L) * 1024 * 1024;
    }

    /** Counts and hashes the plaintext on its way into the envelope. */
    private static final class EncryptedTrackFile extends TrackFile {

        private final DigestOutputStream out;
        private long bytes;
        private String sha256;

        EncryptedTrackFile(OutputStream encrypting) {
            try {
                this.out = new DigestOutputStream(encrypting, MessageDigest.getInstance("SHA-256"));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java runtime has no SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (sha256 == null) {
                sha256 = HexFormat.of().formatHex(out.getMessageDigest().digest());
            }
            out.close();
        }

        @Override
        public long plaintextBytes() {
            return bytes;
        }

        @Override
        public String sha256() {
            return sha256 == null ? "" : sha256;
        }
    }
}
