package org.consilium.hsm.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Moves an envelope file (header at byte 0, as {@link Envelopes#encryptingTo} writes it) to the
 * current KEK version in place: its 85-byte header is replaced by {@link Envelopes#rewrap}'s and
 * nothing else is touched, so the chunks, the file's length and its last-modified time stay what
 * they were (recordings use that time as the moment a file was last written).
 *
 * <p>Why one positional write of the header and no temporary copy: the header lies within the
 * first 512-byte sector of the file (so also within its first filesystem block), and the write is
 * forced to the disk before this returns. If the appliance dies while the write is under way, the
 * file holds the old header or the new one, and <em>both unwrap the same data key</em> as long as
 * the old KEK version is still on the token: the object part (bytes 0..20) is the same in both and
 * each wrapped key is authenticated on its own. Old versions are destroyed only after every
 * envelope was reported on a newer one, and that report is made after this method returned (the
 * header forced to the disk) for every file, so a crash never leaves a file whose only readable
 * header needs a destroyed version. A copy of the header elsewhere would be worse: a second copy of
 * the wrapped data key that shredding the file would have to find.
 *
 * <p>Not thread-safe for one file: callers that also overwrite headers (shredding zeroes them)
 * serialise with it, so that a rewrap never writes a live header over a shredded one.
 */
public final class EnvelopeFileRewrap {

    /** What was found at the start of a file, and what became of it. */
    public enum Kind {
        /** The header was under an older version and is now under the current one. */
        REWRAPPED,
        /** The header was under the current version (or a newer one): nothing written. */
        CURRENT,
        /** The header is all zeros: a shredded file (not yet deleted). Nothing written. */
        SHREDDED,
        /** The file is gone (deleted meanwhile). */
        GONE,
        /** Shorter than a header, or no envelope: nothing written. */
        NOT_AN_ENVELOPE
    }

    /**
     * @param kind       what was found and done
     * @param kekVersion the KEK version the file's data key is wrapped under now (0 without a header)
     * @param before     the version it was wrapped under before (0 without a header)
     */
    public record Outcome(Kind kind, int kekVersion, int before) {
    }

    private final Envelopes envelopes;

    public EnvelopeFileRewrap(Envelopes envelopes) {
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    /**
     * Rewraps {@code file}'s header if its KEK version is older than the current one.
     *
     * @throws EnvelopeException if the header does not unwrap (altered, or its version destroyed):
     *                           nothing is written then
     * @throws IOException       if the file cannot be read or written
     */
    public Outcome rewrap(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException gone) {
            return new Outcome(Kind.GONE, 0, 0);
        }
        try (channel) {
            ByteBuffer read = ByteBuffer.allocate(EnvelopeHeader.LENGTH);
            while (read.hasRemaining() && channel.read(read, read.position()) >= 0) {
                // positional reads until the header is in or the file ends
            }
            if (read.hasRemaining()) {
                return new Outcome(Kind.NOT_AN_ENVELOPE, 0, 0);
            }
            byte[] header = read.array();
            if (allZeros(header)) {
                return new Outcome(Kind.SHREDDED, 0, 0);
            }
            int before;
            try {
                before = EnvelopeHeader.parse(header).kekVersion();
            } catch (MalformedEnvelopeException notOurs) {
                return new Outcome(Kind.NOT_AN_ENVELOPE, 0, 0);
            }
            if (before >= envelopes.currentKekVersion()) {
                return new Outcome(Kind.CURRENT, before, before);
            }
            byte[] rewrapped = envelopes.rewrap(header);
            FileTime modified = Files.getLastModifiedTime(file);
            ByteBuffer write = ByteBuffer.wrap(rewrapped);
            while (write.hasRemaining()) {
                channel.write(write, write.position()); // one pwrite of 85 bytes at offset 0 in practice
            }
            channel.force(false);
            try {
                Files.setLastModifiedTime(file, modified);
            } catch (NoSuchFileException deletedMeanwhile) {
                // shredded after the write: nothing left to keep the time of
            }
            return new Outcome(Kind.REWRAPPED, EnvelopeHeader.parse(rewrapped).kekVersion(), before);
        }
    }

    private static boolean allZeros(byte[] bytes) {
        int or = 0;
        for (byte b : bytes) {
            or |= b;
        }
        return or == 0;
    }
}
