package org.consilium.infrastructure.recording;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.kek.EnvelopeStore;
import org.consilium.application.kek.KekTally;
import org.consilium.hsm.envelope.EnvelopeException;
import org.consilium.hsm.envelope.EnvelopeFileRewrap;
import org.consilium.hsm.envelope.EnvelopeHeader;
import org.consilium.hsm.envelope.Envelopes;

/**
 * The envelopes on this appliance's recordings volume:
 * {@code <consilium.recording.directory>/<recording id>/*.csev} (media {@code .webm.csev}, chat
 * {@code .jsonl.csev}), each starting with its header. Each file is rewrapped in place ({@link EnvelopeFileRewrap}: one forced 85-byte write
 * at offset 0; see there why a crash leaves a readable file), files still being written included
 * (their writer only appends). Shredded files (header all zeros) and files deleted meanwhile are
 * skipped; shredding and rewrapping never interleave on a header ({@link HeaderWrites}).
 */
@ApplicationScoped
public class RecordingEnvelopes implements EnvelopeStore {

    private static final Logger LOG = Logger.getLogger(RecordingEnvelopes.class.getName());
    private static final String SUFFIX = ".csev";

    @Override
    public String name() {
        return "recordings";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public KekTally rewrapOlder(Envelopes envelopes) {
        return rewrapOlder(envelopes, directory());
    }

    @Override
    public KekTally count() {
        KekTally tally = KekTally.none();
        for (Path file : files(directory())) {
            try {
                byte[] header = new byte[EnvelopeHeader.LENGTH];
                int read;
                try (var in = Files.newInputStream(file)) {
                    read = in.readNBytes(header, 0, header.length);
                }
                if (read == header.length) {
                    tally = tally.plus(EnvelopeHeader.parse(header).kekVersion());
                }
            } catch (NoSuchFileException | EnvelopeException goneOrNotAnEnvelope) {
                // shredded or deleted meanwhile, or zeros
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return tally;
    }

    /** The pass over {@code root} (a recordings directory), for tests too. */
    static KekTally rewrapOlder(Envelopes envelopes, Path root) {
        EnvelopeFileRewrap rewrap = new EnvelopeFileRewrap(envelopes);
        KekTally tally = KekTally.none();
        for (Path file : files(root)) {
            EnvelopeFileRewrap.Outcome outcome;
            try {
                synchronized (HeaderWrites.LOCK) {
                    outcome = rewrap.rewrap(file);
                }
            } catch (EnvelopeException | RuntimeException refused) {
                int version = versionOf(file);
                LOG.log(Level.WARNING, "Recording file {0} could not be rewrapped off KEK v{1}: {2}",
                        new Object[] {root.relativize(file), version, refused.toString()});
                if (version > 0) {
                    tally = tally.plusFailed(version);
                }
                continue;
            } catch (IOException failed) {
                LOG.log(Level.WARNING, "Recording file {0} could not be rewrapped: {1}",
                        new Object[] {root.relativize(file), failed.toString()});
                int version = versionOf(file);
                if (version > 0) {
                    tally = tally.plusFailed(version);
                }
                continue;
            }
            switch (outcome.kind()) {
                case REWRAPPED, CURRENT -> tally = tally.plus(outcome.kekVersion());
                case SHREDDED, GONE, NOT_AN_ENVELOPE -> {
                    // nothing a KEK version keeps readable
                }
            }
        }
        return tally;
    }

    /** Every envelope file under {@code root}, one directory per recording. */
    private static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> recordings = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path recording : recordings) {
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(recording,
                        f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))) {
                    inside.forEach(files::add);
                } catch (NoSuchFileException shreddedMeanwhile) {
                    // the recording's directory went while we looked
                }
            }
        } catch (NoSuchFileException noRecordings) {
            return files;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the recordings directory cannot be read", unreadable);
        }
        files.sort(null);
        return files;
    }

    private static int versionOf(Path file) {
        try (var in = Files.newInputStream(file)) {
            return EnvelopeHeader.parse(in.readNBytes(EnvelopeHeader.LENGTH)).kekVersion();
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static Path directory() {
        try {
            return EncryptedRecordingFiles.directory();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the recordings directory cannot be used", unreadable);
        }
    }
}
