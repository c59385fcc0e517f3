package org.consilium.application.recording;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;

/**
 * The files of an interrupted recording that were being written when the node died: each is
 * read once to its last whole chunk (authenticating every chunk), and recorded with that
 * length, its SHA-256 and {@code complete} false, so the recording's metadata (and a manifest
 * built from it) says where each file stopped.
 */
final class UnclosedFiles {

    private static final Logger LOG = Logger.getLogger(UnclosedFiles.class.getName());

    private final RecordingRepository recordings;
    private final RecordingStorage storage;

    UnclosedFiles(RecordingRepository recordings, RecordingStorage storage) {
        this.recordings = recordings;
        this.storage = storage;
    }

    /** Records the recording's unrecorded files; returns the last moment anything was written, if any file was. */
    Optional<Instant> record(RecordingId id) {
        Optional<RecordingRepository.Stored> recording = recordings.find(id);
        if (recording.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = recording.get().tracks().stream().map(RecordingRepository.Track::fileName)
                .collect(Collectors.toSet());
        Instant last = null;
        try {
            for (String file : storage.files(id)) {
                Instant written = storage.lastWritten(id, file);
                last = last == null || written.isAfter(last) ? written : last;
                if (!known.contains(file)) {
                    recordings.track(id, read(id, file, recording.get().startedAt(), written));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Recording {0}: an unfinished file could not be read: {1}",
                    new Object[] {id, unreadable.getClass().getName()});
        }
        return Optional.ofNullable(last);
    }

    private RecordingRepository.Track read(RecordingId id, String file, Instant recordingStarted, Instant written)
            throws IOException {
        try (RecordingStorage.PlaintextFile plain = storage.open(id, file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(plain.range(0, plain.length()), sha256)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            // NNN-<kind>-<participant id>.<webm|jsonl>.csev (ActiveRecording)
            String[] name = file.substring(0, file.indexOf('.')).split("-", 3);
            return new RecordingRepository.Track(file, name[2], name[1], recordingStarted, written, plain.length(),
                    HexFormat.of().formatHex(sha256.digest()), plain.complete());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
