package org.consilium.application.recording;

import java.io.IOException;
import java.time.Instant;
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
        ReadableContent content = ReadableContent.of(storage, id, file);
        // NNN-<kind>-<participant id>.<webm|jsonl>.csev (ActiveRecording)
        String[] name = file.substring(0, file.indexOf('.')).split("-", 3);
        return new RecordingRepository.Track(file, name[2], name[1], recordingStarted, written, content.bytes(),
                content.sha256(), content.complete());
    }
}
